package dev.wsf.api;

/**
 * The base of every exception the framework throws. Unchecked.
 *
 * @since 0.1
 */
public class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message what went wrong
     */
    public WebSocketException(String message) {
        super(message);
    }

    /**
     * An exception wrapping another, e.g. a checked failure of a send that
     * {@link Session#await(java.util.concurrent.CompletionStage)} rethrows.
     *
     * @param message what went wrong
     * @param cause   the underlying failure, or null
     */
    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
