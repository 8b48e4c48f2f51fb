package dev.wsf.api;

/**
 * Thrown from a {@link dev.wsf.api.endpoint.HandshakeInterceptor} to refuse an upgrade: the
 * server answers with {@code status} and the message as a plain-text body, then closes the
 * connection. On the client side it reports a server that refused the upgrade with a 3xx, 4xx or
 * 5xx status; any other answer that is not a valid 101 fails with a plain
 * {@link WebSocketException}.
 *
 * @since 0.1
 */
public class HandshakeRejectedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the refusal; part of the serialized form. */
    private final int status;

    /**
     * A refusal with the given HTTP status.
     *
     * @param status  the status to answer with, 300-599: e.g. 401, 403, 429 or 503
     * @param message the reason, sent to the client as the plain-text response body
     * @throws IllegalArgumentException if {@code status} is outside 300-599
     */
    public HandshakeRejectedException(int status, String message) {
        super(message);
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a rejection needs a 3xx-5xx status: " + status);
        }
        this.status = status;
    }

    /**
     * The HTTP status code of the refusal.
     *
     * @return the status, 300-599
     */
    public int status() {
        return status;
    }
}
