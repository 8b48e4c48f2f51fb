package dev.wsf.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called exactly once when a session has ended, however it ended: a close from either side,
 * a failed connection (1006) or an error this side closed with (1002, 1007, 1009, 1011...).
 *
 * <p>The method must be public, not static, and void. It may declare, in any order:
 * {@link dev.wsf.api.Session}, {@link dev.wsf.api.Topics}, {@link dev.wsf.api.CloseReason} (the status the
 * session ended with), {@link dev.wsf.api.HandshakeRequest}, and on a server endpoint
 * {@link java.security.Principal} (null without an authenticator; see {@link OnMessage}),
 * {@link PathParam} and {@link QueryParam} parameters. An exception thrown goes to the {@link OnError} method if the class has one,
 * otherwise it is logged. At most one method of a class may carry this annotation.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnClose {
}
