package dev.wsf.api.codec;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;

/**
 * A message could not be decoded into the type a callback declared. The session closes with
 * {@link #closeCode()}: 1007 (invalid payload data) unless the decoder chose another.
 *
 * <p>The message is the close reason the peer receives, so it should name the rule the message
 * broke ({@code "quantity must be positive"}, {@code "malformed JSON"}), never a class name, a
 * stack trace or a parser's own text: put those in the cause, which goes to the server's log (at
 * DEBUG, with the session id) and to the endpoint's {@code @OnError} method. A reason longer than
 * a close frame holds is cut.
 *
 * @since 0.1
 */
public class DecodeException extends CloseException {
    private static final long serialVersionUID = 1L;

    /**
     * Fails with 1007 (invalid payload data).
     *
     * @param message the close reason the peer receives
     */
    public DecodeException(String message) {
        super(CloseCode.INVALID_PAYLOAD_DATA, message);
    }

    /**
     * Fails with 1007 (invalid payload data).
     *
     * @param message the close reason the peer receives
     * @param cause the underlying failure, logged and passed to {@code @OnError} but never sent
     */
    public DecodeException(String message, Throwable cause) {
        super(CloseCode.INVALID_PAYLOAD_DATA, message, cause);
    }

    /**
     * Fails with the given code, e.g. 1003 for a message the endpoint does not support.
     *
     * @param closeCode the code the session is closed with
     * @param message the close reason the peer receives
     * @param cause the underlying failure, logged and passed to {@code @OnError} but never sent;
     *              may be null
     * @throws IllegalArgumentException if {@code closeCode} may not be sent in a close frame (1004,
     *                                  1005, 1006, 1015)
     */
    public DecodeException(CloseCode closeCode, String message, Throwable cause) {
        super(closeCode, message, cause);
    }
}
