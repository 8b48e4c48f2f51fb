package dev.wsf.api.extension;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A data frame as extensions see it: text, binary or continuation, with its unmasked payload.
 *
 * @param opcode  {@link Opcode#TEXT}, {@link Opcode#BINARY} or {@link Opcode#CONTINUATION}
 * @param fin     whether this frame ends its message
 * @param rsv     the three reserved bits, as a combination of {@link #RSV1}, {@link #RSV2}, {@link #RSV3}
 * @param payload the payload from position to limit; see {@link Extension} for who owns it
 *
 * @since 0.1
 */
public record Frame(Opcode opcode, boolean fin, int rsv, ByteBuffer payload) {
    public static final int RSV1 = 0b100;
    public static final int RSV2 = 0b010;
    public static final int RSV3 = 0b001;

    public Frame {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv must be a 3-bit value: " + rsv);
        }
    }

    /** Whether this frame starts a message (it is not a continuation). */
    public boolean isFirst() {
        return opcode != Opcode.CONTINUATION;
    }

    /** The same frame with other reserved bits and payload. */
    public Frame with(int newRsv, ByteBuffer newPayload) {
        return new Frame(opcode, fin, newRsv, newPayload);
    }
}
