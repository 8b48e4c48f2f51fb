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
    /**
     * The RSV1 bit, which permessage-deflate sets on the first frame of a compressed message
     * (RFC 7692 section 6).
     */
    public static final int RSV1 = 0b100;
    /** The RSV2 bit, which no bundled extension uses. */
    public static final int RSV2 = 0b010;
    /** The RSV3 bit, which no bundled extension uses. */
    public static final int RSV3 = 0b001;

    /**
     * Checks the components.
     *
     * @param opcode a data opcode
     * @param fin whether this frame ends its message
     * @param rsv the reserved bits, 0 to 7
     * @param payload the payload, not copied
     * @throws NullPointerException if {@code opcode} or {@code payload} is null
     * @throws IllegalArgumentException if {@code rsv} has bits outside the three reserved ones
     */
    public Frame {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv must be a 3-bit value: " + rsv);
        }
    }

    /**
     * Whether this frame starts a message (it is not a continuation).
     *
     * @return true for a {@link Opcode#TEXT} or {@link Opcode#BINARY} frame
     */
    public boolean isFirst() {
        return opcode != Opcode.CONTINUATION;
    }

    /**
     * The same frame with other reserved bits and payload.
     *
     * @param newRsv the reserved bits of the new frame, 0 to 7
     * @param newPayload the new frame's payload, not copied
     * @return a new frame with the same opcode and fin bit
     * @throws IllegalArgumentException if {@code newRsv} has bits outside the three reserved ones
     */
    public Frame with(int newRsv, ByteBuffer newPayload) {
        return new Frame(opcode, fin, newRsv, newPayload);
    }
}
