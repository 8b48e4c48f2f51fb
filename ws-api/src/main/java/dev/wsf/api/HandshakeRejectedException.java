package dev.wsf.api;

/**
 * Thrown from a {@link dev.wsf.api.endpoint.HandshakeInterceptor} to refuse an upgrade: the
 * server answers with {@code status} and the message as a plain-text body, then closes the
 * connection. On the client side it reports a server that refused or botched the handshake.
 *
 * @since 0.1
 */
public class HandshakeRejectedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HandshakeRejectedException(int status, String message) {
        super(message);
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a rejection needs a 3xx-5xx status: " + status);
        }
        this.status = status;
    }

    /** The HTTP status code of the refusal. */
    public int status() {
        return status;
    }
}
