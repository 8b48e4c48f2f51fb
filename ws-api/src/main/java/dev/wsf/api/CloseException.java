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

    /**
     * An exception that fails the connection with {@code closeCode}.
     *
     * @param closeCode the close code to send, one that {@link CloseCode#isSendable(int)} accepts
     *                  (1002, 1007, 1009, or an application code in 3000-4999, for instance)
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     */
    public CloseException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /**
     * An exception that fails the connection with a registered code.
     *
     * @param closeCode the close code to send; one that {@link CloseCode#isSendable(int)} accepts
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     */
    public CloseException(CloseCode closeCode, String message) {
        this(closeCode.code(), message);
    }

    /**
     * An exception that fails the connection with {@code closeCode}, caused by another failure.
     *
     * @param closeCode the close code to send, one that {@link CloseCode#isSendable(int)} accepts
     *                  (1002, 1007, 1009, or an application code in 3000-4999, for instance)
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @param cause     the underlying failure, or null
     */
    public CloseException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    /**
     * An exception that fails the connection with a registered code, caused by another failure.
     *
     * @param closeCode the close code to send; one that {@link CloseCode#isSendable(int)} accepts
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @param cause     the underlying failure, or null
     */
    public CloseException(CloseCode closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode.code();
    }

    /**
     * The close code to send to the peer.
     *
     * @return the code given to the constructor, as a number
     */
    public int closeCode() {
        return closeCode;
    }
}
