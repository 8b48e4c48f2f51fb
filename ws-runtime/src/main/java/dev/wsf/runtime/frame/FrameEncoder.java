package dev.wsf.runtime.frame;

import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;

/** Writes RFC 6455 frame headers, and whole frames where a copy is cheap or required. */
public final class FrameEncoder {
    /** Payloads up to this size are copied behind their header, so the frame is one buffer. */
    public static final int COPY_THRESHOLD = 1024;

    private FrameEncoder() {
    }

    /**
     * Header size for a payload of {@code length} bytes, with 4 more if masked.
     *
     * @param length the payload length, in bytes
     * @param masked whether the frame carries a masking key (client frames)
     * @return 2, 4 or 10 bytes, plus 4 if masked
     */
    public static int headerLength(long length, boolean masked) {
        int base = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        return masked ? base + 4 : base;
    }

    /**
     * Puts a frame header into {@code out} at its position.
     *
     * @param out where to write; needs {@link #headerLength} bytes remaining
     * @param opcode the frame's opcode
     * @param fin whether this is the message's last frame
     * @param rsv the RSV1-3 bits as a number from 0 to 7 (RSV1 is 4), shifted into place here
     * @param length the payload length, in bytes
     * @param masked whether to set the mask bit and write {@code maskKey}
     * @param maskKey the masking key, its first wire byte most significant; ignored unless masked
     */
    public static void putHeader(ByteBuffer out, Opcode opcode, boolean fin, int rsv, long length,
                                 boolean masked, int maskKey) {
        out.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode.code()));
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            out.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(length);
        }
        if (masked) {
            out.putInt(maskKey);
        }
    }

    /**
     * An unmasked (server) frame header alone, ready to write.
     *
     * @param opcode the frame's opcode
     * @param fin whether this is the message's last frame
     * @param rsv the RSV1-3 bits as a number from 0 to 7 (RSV1 is 4), shifted into place here
     * @param length the payload length, in bytes
     * @return a new buffer holding the header, flipped for reading
     */
    public static ByteBuffer header(Opcode opcode, boolean fin, int rsv, long length) {
        ByteBuffer out = ByteBuffer.allocate(headerLength(length, false));
        putHeader(out, opcode, fin, rsv, length, false, 0);
        return out.flip();
    }

    /**
     * A whole frame in one new buffer: header plus a copy of {@code payload} (position to limit,
     * left unchanged), masked with {@code maskKey} when {@code masked}.
     *
     * @param opcode the frame's opcode
     * @param fin whether this is the message's last frame
     * @param rsv the RSV1-3 bits as a number from 0 to 7 (RSV1 is 4), shifted into place here
     * @param payload the payload, from position to limit
     * @param masked whether to mask the copy (client frames)
     * @param maskKey the masking key, its first wire byte most significant; ignored unless masked
     * @return a new heap buffer holding the frame, flipped for reading
     */
    public static ByteBuffer frame(Opcode opcode, boolean fin, int rsv, ByteBuffer payload,
                                   boolean masked, int maskKey) {
        int length = payload.remaining();
        ByteBuffer out = ByteBuffer.allocate(headerLength(length, masked) + length);
        putHeader(out, opcode, fin, rsv, length, masked, maskKey);
        int start = out.position();
        out.put(payload.duplicate());
        if (masked) {
            Masking.apply(out, start, start + length, maskKey, 0);
        }
        return out.flip();
    }
}
