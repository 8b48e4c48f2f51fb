package dev.wsf.api;

import java.util.Optional;

/**
 * The close status codes registered for RFC 6455 (section 7.4 and the IANA "WebSocket Close Code
 * Number Registry").
 *
 * <p>Applications may also use any code in 3000-4999 (3000-3999 registered with IANA, 4000-4999
 * private use); those have no constant here but are accepted everywhere a code is taken as an
 * {@code int}.
 *
 * @since 0.1
 */
public enum CloseCode {
    NORMAL_CLOSURE(1000, true),
    GOING_AWAY(1001, true),
    PROTOCOL_ERROR(1002, true),
    UNSUPPORTED_DATA(1003, true),
    /** Reserved; never sent. */
    RESERVED(1004, false),
    /** Reported locally when a close frame carried no status code; never sent. */
    NO_STATUS_RECEIVED(1005, false),
    /** Reported locally when the connection ended without a close handshake; never sent. */
    ABNORMAL_CLOSURE(1006, false),
    INVALID_PAYLOAD_DATA(1007, true),
    POLICY_VIOLATION(1008, true),
    MESSAGE_TOO_BIG(1009, true),
    /** Sent by a client when the server did not negotiate an extension it requires. */
    MANDATORY_EXTENSION(1010, true),
    INTERNAL_ERROR(1011, true),
    SERVICE_RESTART(1012, true),
    TRY_AGAIN_LATER(1013, true),
    BAD_GATEWAY(1014, true),
    /** Reported locally when the TLS handshake failed; never sent. */
    TLS_HANDSHAKE(1015, false);

    private static final CloseCode[] BY_OFFSET = new CloseCode[16];

    static {
        for (CloseCode c : values()) {
            BY_OFFSET[c.code - 1000] = c;
        }
    }

    private final int code;
    private final boolean sendable;

    CloseCode(int code, boolean sendable) {
        this.code = code;
        this.sendable = sendable;
    }

    /** The numeric status code. */
    public int code() {
        return code;
    }

    /** The registered code with this number, if there is one. */
    public static Optional<CloseCode> of(int code) {
        return code >= 1000 && code < 1016 ? Optional.of(BY_OFFSET[code - 1000]) : Optional.empty();
    }

    /**
     * Whether {@code code} may appear in a close frame on the wire: 1000-1003, 1007-1014 and the
     * application range 3000-4999. A close frame carrying any other code is a protocol error (1002).
     */
    public static boolean isSendable(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return code >= 1000 && code < 1016 && BY_OFFSET[code - 1000].sendable;
    }
}
