package dev.wsf.runtime.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * One RFC 6455 frame as it was on the wire, with a decoder written for tests only: tests that
 * judge what the engine wrote read it with this, not with the engine's own {@code FrameParser}.
 *
 * <p>The decoder follows the base framing protocol of section 5.2 and checks nothing beyond what
 * splitting a byte stream into frames needs: any opcode, reserved bits, fragment order, control
 * frame size and length encoding go through as they are, for the caller to judge. Input that ends
 * inside a frame fails with an {@link AssertionError} saying where.
 *
 * @param fin        the FIN bit
 * @param rsv        RSV1..RSV3 as a 3-bit number (RSV1 = 4)
 * @param opcode     the 4-bit opcode
 * @param maskingKey the 4-byte masking key, or null when the mask bit is clear
 * @param payload    the payload, unmasked
 */
public record WireFrame(boolean fin, int rsv, int opcode, byte[] maskingKey, byte[] payload) {

    public boolean masked() {
        return maskingKey != null;
    }

    /** Decodes every frame in {@code wire}, which must end where a frame ends. */
    public static List<WireFrame> decodeAll(byte[] wire) {
        List<WireFrame> frames = new ArrayList<>();
        Input in = new Input(wire);
        while (in.position < wire.length) {
            in.startFrame(frames.size());
            frames.add(decodeOne(in));
        }
        return frames;
    }

    private static WireFrame decodeOne(Input in) {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-------+-+-------------+-------------------------------+
        // |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
        // |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
        // |N|V|V|V|       |S|             |   (if payload len==126/127)   |
        // | |1|2|3|       |K|             |                               |
        byte[] first = in.take(2, "the first two header bytes");
        boolean fin = (first[0] & 0x80) != 0;
        int rsv = (first[0] >> 4) & 0x07;
        int opcode = first[0] & 0x0F;
        boolean masked = (first[1] & 0x80) != 0;
        int length7 = first[1] & 0x7F;

        long length;
        if (length7 == 126) {
            length = unsigned(in.take(2, "the 16-bit payload length"));
        } else if (length7 == 127) {
            length = unsigned(in.take(8, "the 64-bit payload length"));
            if (length < 0 || length > Integer.MAX_VALUE - 16) {
                throw new AssertionError(in.where() + ": 64-bit payload length " + Long.toUnsignedString(length)
                        + " is negative or too large to decode in a test");
            }
        } else {
            length = length7;
        }

        byte[] maskingKey = masked ? in.take(4, "the masking key") : null;
        byte[] payload = in.take((int) length, "the " + length + "-byte payload");
        if (masked) {
            // Section 5.3: octet i of the payload is XORed with octet i modulo 4 of the key.
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= maskingKey[i % 4];
            }
        }
        return new WireFrame(fin, rsv, opcode, maskingKey, payload);
    }

    /** Big-endian, as every multi-byte number on the wire is (section 5.2). */
    private static long unsigned(byte[] bigEndian) {
        long value = 0;
        for (byte b : bigEndian) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    @Override
    public String toString() {
        return "WireFrame[" + (fin ? "fin" : "not fin") + ", rsv=" + rsv + ", opcode=0x" + Integer.toHexString(opcode)
                + (masked() ? ", masked" : "") + ", " + payload.length + " bytes]";
    }

    /** A read position in the bytes being decoded, which knows which frame it is in. */
    private static final class Input {
        private final byte[] bytes;
        private int position;
        private int frameIndex;
        private int frameStart;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        void startFrame(int index) {
            frameIndex = index;
            frameStart = position;
        }

        String where() {
            return "frame " + frameIndex + " (at byte " + frameStart + " of " + bytes.length + ")";
        }

        /** The next {@code n} bytes, copied; fails loudly if fewer are left. */
        byte[] take(int n, String what) {
            int left = bytes.length - position;
            if (left < n) {
                throw new AssertionError("truncated input: " + where() + " needs " + n + " bytes for " + what
                        + " at byte " + position + ", but only " + left + " are left");
            }
            byte[] taken = new byte[n];
            System.arraycopy(bytes, position, taken, 0, n);
            position += n;
            return taken;
        }
    }
}
