package dev.wsf.bench.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Builds the bytes the client sends and expects, once, before any load runs.
 *
 * <p>Every frame a connection sends is the same masked frame, so the client never masks or
 * encodes anything under load. RFC 6455 asks clients for a fresh mask per frame to defeat cache
 * poisoning through proxies; no proxy sits on loopback and servers cannot check it, so a fixed
 * mask is fine for a benchmark.
 */
final class Frames {

    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int FIN = 0x80;
    static final int MASK = 0x80;

    private static final byte[] MASK_KEY = {0x3a, (byte) 0xc5, 0x12, (byte) 0x7e};
    private static final byte[] TEXT = "wsf-bench/0123456789abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ;"
            .getBytes(StandardCharsets.US_ASCII);

    private Frames() {
    }

    /** The message payload: printable ASCII (valid UTF-8) for text, seeded noise for binary. */
    static byte[] payload(int opcode, int size) {
        byte[] p = new byte[size];
        if (opcode == OP_TEXT) {
            for (int i = 0; i < size; i++) {
                p[i] = TEXT[i % TEXT.length];
            }
        } else {
            new SplittableRandom(0x5EED).nextBytes(p);
        }
        return p;
    }

    /** What the client sends per message: one frame, or the bare payload in raw mode. */
    static byte[] message(Options options, byte[] payload) {
        return options.raw() ? payload.clone() : clientFrame(options.opcode(), payload);
    }

    /** One client frame: FIN + opcode, masked payload. */
    static byte[] clientFrame(int opcode, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put((byte) (FIN | opcode));
        putLength(b, MASK, payload.length);
        b.put(MASK_KEY);
        for (int i = 0; i < payload.length; i++) {
            b.put((byte) (payload[i] ^ MASK_KEY[i & 3]));
        }
        byte[] frame = new byte[b.position()];
        b.flip().get(frame);
        return frame;
    }

    /**
     * {@code copies} back-to-back copies of {@code frame} in one direct buffer: writing k frames
     * from any phase is then a single slice of this buffer, with no copying.
     */
    static ByteBuffer repeated(byte[] frame, int copies) {
        ByteBuffer b = ByteBuffer.allocateDirect(frame.length * copies);
        for (int i = 0; i < copies; i++) {
            b.put(frame);
        }
        return b.clear();
    }

    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
    }

    /** Minimal length encoding, as RFC 6455 section 5.2 requires. */
    private static void putLength(ByteBuffer b, int maskBit, int len) {
        if (len < 126) {
            b.put((byte) (maskBit | len));
        } else if (len <= 0xFFFF) {
            b.put((byte) (maskBit | 126)).putShort((short) len);
        } else {
            b.put((byte) (maskBit | 127)).putLong(len);
        }
    }
}
