package dev.wsf.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles the exceptions of a session: those thrown by the class's own callbacks (including
 * failures to encode a return value), a message that could not be decoded, and errors the runtime
 * reports (a failed connection, a protocol violation by the peer).
 *
 * <p>The method must be public and not static, and must declare one {@link Throwable} parameter;
 * it may also declare, in any order: {@link dev.wsf.api.Session}, {@link dev.wsf.api.Topics},
 * {@link dev.wsf.api.HandshakeRequest}, and on a server endpoint {@link java.security.Principal}
 * (null without an authenticator; see {@link OnMessage}), {@link PathParam} and {@link QueryParam}
 * parameters.
 * A non-void return value is sent to the peer as {@link OnMessage} describes, e.g. an error
 * reply. At most one method of a class may carry this annotation.
 *
 * <h2>What happens to the session</h2>
 * <ul>
 * <li>An exception thrown by a callback is considered handled: the session stays open. Close it
 *     from this method if that is what it needs.</li>
 * <li>A message that could not be decoded ({@link dev.wsf.api.codec.DecodeException}) is reported
 *     here, then the session closes with the exception's code (1007 by default) regardless.</li>
 * <li>Without an {@code @OnError} method, an exception thrown by a callback is logged and the
 *     session closes with 1011 (internal error).</li>
 * <li>An exception thrown by this method itself is logged and closes the session with 1011.</li>
 * </ul>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnError {
}
