package dev.wsf.api;

/**
 * Fails the connection with a specific close code. Thrown by the runtime for protocol violations
 * (1002), invalid payload data such as bad UTF-8 (1007) and oversized messages (1009); extensions
 * and decoders throw it to choose the code the peer sees.
 *
 * @since 0.1
 */
public class CloseException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public CloseException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public CloseException(CloseCode closeCode, String message) {
        this(closeCode.code(), message);
    }

    public CloseException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    public CloseException(CloseCode closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode.code();
    }

    /** The close code to send to the peer. */
    public int closeCode() {
        return closeCode;
    }
}
