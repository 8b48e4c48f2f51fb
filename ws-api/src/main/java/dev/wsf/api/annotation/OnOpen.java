package dev.wsf.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a session has opened, before any message is delivered.
 *
 * <p>The method must be public and not static, and may declare, in any order:
 * {@link dev.wsf.api.Session}, {@link dev.wsf.api.Topics}, {@link dev.wsf.api.HandshakeRequest},
 * and on a server endpoint {@link java.security.Principal} (null without an authenticator; see
 * {@link OnMessage}), {@link PathParam} and {@link QueryParam} parameters. A non-void return value
 * is sent to the peer as
 * {@link OnMessage} describes, e.g. a greeting. An exception thrown goes to the {@link OnError}
 * method if the class has one; otherwise it is logged and the session closes with 1011.
 * At most one method of a class may carry this annotation.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnOpen {
}
