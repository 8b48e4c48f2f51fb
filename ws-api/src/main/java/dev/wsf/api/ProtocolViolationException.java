package dev.wsf.api;

/**
 * The peer broke a rule: a malformed or unexpected frame (1002), data that is not what it claims
 * to be, such as text that is not UTF-8 or corrupt compressed data (1007), or a message over the
 * size limit (1009). The runtime fails the connection with {@link #closeCode()}.
 *
 * <p>On a server facing the internet this is routine, not a fault of the server or the
 * application: the default {@link dev.wsf.api.endpoint.EndpointHandler#onError} logs it at DEBUG,
 * in one line, without a stack trace. Extensions and decoders may throw it for their own checks
 * of what the peer sent; a plain {@link CloseException} is treated the same way when it comes
 * from the inbound path.
 *
 * @since 0.1
 */
public class ProtocolViolationException extends CloseException {
    private static final long serialVersionUID = 1L;

    /**
     * A violation that fails the connection with {@code closeCode}.
     *
     * @param closeCode the close code to send, usually 1002, 1007 or 1009
     * @param message   what the peer did wrong; logged, and sent as the close reason cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     */
    public ProtocolViolationException(int closeCode, String message) {
        super(closeCode, message);
    }

    /**
     * A violation that fails the connection with a registered code.
     *
     * @param closeCode the close code to send, usually {@link CloseCode#PROTOCOL_ERROR},
     *                  {@link CloseCode#INVALID_PAYLOAD_DATA} or {@link CloseCode#MESSAGE_TOO_BIG}
     * @param message   what the peer did wrong; logged, and sent as the close reason cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     */
    public ProtocolViolationException(CloseCode closeCode, String message) {
        super(closeCode, message);
    }

    /**
     * A violation found by a check that failed, such as a decoder's parse error.
     *
     * @param closeCode the close code to send, usually 1002, 1007 or 1009
     * @param message   what the peer did wrong; logged, and sent as the close reason cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @param cause     the failure that revealed it, or null
     */
    public ProtocolViolationException(int closeCode, String message, Throwable cause) {
        super(closeCode, message, cause);
    }

    /**
     * A violation found by a check that failed, with a registered code.
     *
     * @param closeCode the close code to send, usually {@link CloseCode#PROTOCOL_ERROR},
     *                  {@link CloseCode#INVALID_PAYLOAD_DATA} or {@link CloseCode#MESSAGE_TOO_BIG}
     * @param message   what the peer did wrong; logged, and sent as the close reason cut to
     *                  {@value CloseReason#MAX_REASON_BYTES} UTF-8 bytes
     * @param cause     the failure that revealed it, or null
     */
    public ProtocolViolationException(CloseCode closeCode, String message, Throwable cause) {
        super(closeCode, message, cause);
    }
}
