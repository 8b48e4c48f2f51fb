package dev.wsf.api.extension;

/**
 * The frame opcodes defined by RFC 6455 section 5.2. Other values are reserved.
 *
 * @since 0.1
 */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
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

    /** The 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** Close, ping and pong: at most 125 bytes, never fragmented. */
    public boolean isControl() {
        return code >= 0x8;
    }

    /** The opcode for a 4-bit value, or null if the value is reserved. */
    public static Opcode ofCode(int code) {
        return BY_CODE[code & 0xF];
    }
}
