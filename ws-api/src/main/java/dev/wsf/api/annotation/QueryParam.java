package dev.wsf.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a callback parameter to a query parameter of the upgrade request: with a request to
 * {@code /chat/lobby?user=ann}, {@code @QueryParam("user") String user} receives {@code ann}.
 *
 * <p>Supported types:
 * <ul>
 * <li>{@code List<String>}: every value in order; empty when the parameter is absent.</li>
 * <li>{@code Optional<String>}: the first value, if any.</li>
 * <li>the types {@link PathParam} supports: the first value, converted; {@code null} when
 *     absent, except for primitives, which then reject the upgrade.</li>
 * </ul>
 * A value that cannot be converted, or a missing value for a primitive, rejects the upgrade with
 * 400 Bad Request. Values are converted once per session, not per message.
 *
 * <p>Server endpoints only: on a {@link ClientEndpoint} it fails deployment, since the query is
 * the one the client wrote into the URI itself; pass such values to the endpoint instance.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface QueryParam {

    /**
     * The query parameter's name. May be left empty when the code is compiled with
     * {@code -parameters}; the parameter's own name is used then.
     *
     * @return the query parameter's name, or empty to use the Java parameter's name
     */
    String value() default "";
}
