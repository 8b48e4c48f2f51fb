package dev.wsf.api.extension;

/**
 * The frame opcodes defined by RFC 6455 section 5.2. Other values are reserved.
 *
 * @since 0.1
 */
public enum Opcode {
    /** A later fragment of a fragmented message (0x0). */
    CONTINUATION(0x0),
    /** The first frame of a text message, whose payload is UTF-8 (0x1). */
    TEXT(0x1),
    /** The first frame of a binary message (0x2). */
    BINARY(0x2),
    /** A close frame, with an optional status code and reason (0x8). */
    CLOSE(0x8),
    /** A ping, which the receiver answers with a pong carrying the same payload (0x9). */
    PING(0x9),
    /** A pong: an answer to a ping, or an unsolicited heartbeat (0xA). */
    PONG(0xA);

    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode o : values()) {
            BY_CODE[o.code] = o;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /**
     * The 4-bit value on the wire.
     *
     * @return the opcode's value, 0x0 to 0xA
     */
    public int code() {
        return code;
    }

    /**
     * Close, ping and pong: at most 125 bytes, never fragmented.
     *
     * @return true for {@link #CLOSE}, {@link #PING} and {@link #PONG}
     */
    public boolean isControl() {
        return code >= 0x8;
    }

    /**
     * The opcode for a 4-bit value, or null if the value is reserved.
     *
     * @param code the opcode's value; only its low 4 bits are used
     * @return the opcode, or null for a reserved value (0x3 to 0x7, 0xB to 0xF)
     */
    public static Opcode ofCode(int code) {
        return BY_CODE[code & 0xF];
    }
}
