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

    public ProtocolViolationException(int closeCode, String message) {
        super(closeCode, message);
    }

    public ProtocolViolationException(CloseCode closeCode, String message) {
        super(closeCode, message);
    }

    public ProtocolViolationException(int closeCode, String message, Throwable cause) {
        super(closeCode, message, cause);
    }

    public ProtocolViolationException(CloseCode closeCode, String message, Throwable cause) {
        super(closeCode, message, cause);
    }
}
