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

    /** The close code sent to the peer; part of the serialized form. */
    private final int closeCode;

    /**
     * An exception that fails the connection with {@code closeCode}.
     *
     * @param closeCode the close code to send, one that {@link CloseCode#isSendable(int)} accepts
     *                  (1002, 1007, 1009, or an application code in 3000-4999, for instance)
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @throws IllegalArgumentException if {@code closeCode} may not be sent in a close frame
     */
    public CloseException(int closeCode, String message) {
        this(closeCode, message, null);
    }

    /**
     * An exception that fails the connection with a registered code.
     *
     * @param closeCode the close code to send; one that {@link CloseCode#isSendable(int)} accepts
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @throws IllegalArgumentException if {@code closeCode} may not be sent in a close frame (1004,
     *                                  1005, 1006, 1015)
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
     * @throws IllegalArgumentException if {@code closeCode} may not be sent in a close frame
     */
    public CloseException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = sendable(closeCode);
    }

    /**
     * An exception that fails the connection with a registered code, caused by another failure.
     *
     * @param closeCode the close code to send; one that {@link CloseCode#isSendable(int)} accepts
     * @param message   what went wrong; the runtime sends it as the close reason, cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @param cause     the underlying failure, or null
     * @throws IllegalArgumentException if {@code closeCode} may not be sent in a close frame (1004,
     *                                  1005, 1006, 1015)
     */
    public CloseException(CloseCode closeCode, String message, Throwable cause) {
        this(closeCode.code(), message, cause);
    }

    /** Fails here, where the code is chosen, rather than later on an I/O thread closing the session. */
    private static int sendable(int closeCode) {
        if (!CloseCode.isSendable(closeCode)) {
            throw new IllegalArgumentException("close code " + closeCode + " may not be sent in a close frame"
                    + " (RFC 6455 section 7.4): use 1000-1003, 1007-1014 or an application code in 3000-4999");
        }
        return closeCode;
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
