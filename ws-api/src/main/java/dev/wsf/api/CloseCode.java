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
    /** 1000: the purpose of the connection was fulfilled (RFC 6455, section 7.4.1). */
    NORMAL_CLOSURE(1000, true),
    /**
     * 1001: an endpoint is going away, e.g. a server stopping or a browser leaving the page; the
     * runtime also sends it when a session reaches its idle timeout.
     */
    GOING_AWAY(1001, true),
    /** 1002: the peer broke the protocol, e.g. a malformed frame or an unmasked client frame. */
    PROTOCOL_ERROR(1002, true),
    /** 1003: a data type the endpoint cannot accept, e.g. binary sent to a text-only endpoint. */
    UNSUPPORTED_DATA(1003, true),
    /** Reserved; never sent. */
    RESERVED(1004, false),
    /** Reported locally when a close frame carried no status code; never sent. */
    NO_STATUS_RECEIVED(1005, false),
    /** Reported locally when the connection ended without a close handshake; never sent. */
    ABNORMAL_CLOSURE(1006, false),
    /** 1007: message data not consistent with its type, e.g. a text message that is not valid UTF-8. */
    INVALID_PAYLOAD_DATA(1007, true),
    /**
     * 1008: a message or behaviour that breaks the endpoint's policy, when no more specific code
     * fits; the runtime sends it to a slow consumer and when a credential expires.
     */
    POLICY_VIOLATION(1008, true),
    /** 1009: a frame or message larger than the receiver's limit. */
    MESSAGE_TOO_BIG(1009, true),
    /** Sent by a client when the server did not negotiate an extension it requires. */
    MANDATORY_EXTENSION(1010, true),
    /** 1011: an endpoint met an unexpected condition, such as an exception in application code. */
    INTERNAL_ERROR(1011, true),
    /** 1012: the server is restarting; a client may reconnect after a short delay (IANA registry). */
    SERVICE_RESTART(1012, true),
    /**
     * 1013: the server is overloaded for now; the runtime sends it to the connections it closes
     * when the memory budget is exceeded (IANA registry).
     */
    TRY_AGAIN_LATER(1013, true),
    /** 1014: a gateway or proxy got an invalid response from the server behind it (IANA registry). */
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

    /**
     * The numeric status code.
     *
     * @return the code as it appears in a close frame, 1000-1015
     */
    public int code() {
        return code;
    }

    /**
     * The registered code with this number, if there is one.
     *
     * @param code a close status code, any {@code int}
     * @return the constant for 1000-1015; empty for any other number, including the application
     *         range 3000-4999
     */
    public static Optional<CloseCode> of(int code) {
        return code >= 1000 && code < 1016 ? Optional.of(BY_OFFSET[code - 1000]) : Optional.empty();
    }

    /**
     * Whether {@code code} may appear in a close frame on the wire: 1000-1003, 1007-1014 and the
     * application range 3000-4999. A close frame carrying any other code is a protocol error (1002).
     *
     * @param code a close status code, any {@code int}
     * @return true if the code may be sent in a close frame (RFC 6455, section 7.4)
     */
    public static boolean isSendable(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return code >= 1000 && code < 1016 && BY_OFFSET[code - 1000].sendable;
    }
}
