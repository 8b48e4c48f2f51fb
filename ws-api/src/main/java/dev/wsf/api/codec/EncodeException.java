package dev.wsf.api.codec;

import dev.wsf.api.WebSocketException;

/**
 * A value could not be encoded into a message. Thrown for a callback's return value, it is
 * handled like an exception thrown by the callback: it goes to the endpoint's
 * {@link dev.wsf.api.annotation.OnError} method, or closes the session with 1011.
 *
 * @since 0.1
 */
public class EncodeException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /**
     * Fails encoding with a message for the log and the {@code @OnError} method.
     *
     * @param message what could not be encoded, and why
     */
    public EncodeException(String message) {
        super(message);
    }

    /**
     * Fails encoding because of another exception, such as a serializer's.
     *
     * @param message what could not be encoded, and why
     * @param cause the underlying failure
     */
    public EncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
