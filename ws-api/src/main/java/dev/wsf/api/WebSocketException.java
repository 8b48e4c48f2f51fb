package dev.wsf.api;

/**
 * The base of every exception the framework throws. Unchecked.
 *
 * @since 0.1
 */
public class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebSocketException(String message) {
        super(message);
    }

    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
