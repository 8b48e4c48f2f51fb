package dev.wsf.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a callback parameter to a variable of the endpoint's path template: with
 * {@code @Endpoint(path = "/chat/{room}")}, {@code @PathParam("room") String room} receives the
 * decoded segment, e.g. {@code lobby} for {@code /chat/lobby}.
 *
 * <p>Supported types: {@code String}, the primitives and their wrappers ({@code int},
 * {@code long}, {@code short}, {@code byte}, {@code double}, {@code float}, {@code boolean},
 * {@code char}), {@link java.util.UUID} and enums (matched by constant name, exact first, then
 * ignoring case). A value that cannot be converted rejects the upgrade with 404 Not Found, the
 * way JAX-RS treats a path parameter that does not convert, so the callback never sees it.
 * Values are converted once per session, not per message.
 *
 * <p>Naming a variable that the template does not have fails deployment, and so does a
 * {@code @PathParam} on a {@link ClientEndpoint}, which has no path template.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PathParam {

    /**
     * The variable's name. May be left empty when the code is compiled with {@code -parameters};
     * the parameter's own name is used then.
     *
     * @return the template variable's name, or empty to use the Java parameter's name
     */
    String value() default "";
}
