package dev.wsf.bench.fanout;

import java.nio.charset.StandardCharsets;

/**
 * Builds the fan-out benchmark's messages, as the load client checks them
 * ({@code bench/loadgen/.../FanoutPayload.java} defines the format; the Netty and Node servers
 * keep copies of this class). A message of {@code size} bytes:
 * <pre>{"seq":0000000042,"t":0000123456789012345,"d":"SYM07=123.45;SYM93=870.02;..."}</pre>
 * with the publish sequence number, the publish time ({@code System.nanoTime()}) and filler from
 * one of 64 variants ({@code seq % 64}). Not thread-safe: the publisher's thread only.
 */
final class FanoutMessages {
    private static final int VARIANTS = 64;
    private static final int SEQ_AT = 7;
    private static final int T_AT = 22;

    private final int size;
    private final byte[][] templates = new byte[VARIANTS][];

    FanoutMessages(int size) {
        if (size < 64) {
            throw new IllegalArgumentException("fan-out messages have at least 64 bytes: " + size);
        }
        this.size = size;
        for (int v = 0; v < VARIANTS; v++) {
            String s = "{\"seq\":" + "0".repeat(10) + ",\"t\":" + "0".repeat(19) + ",\"d\":\"" + pad(size - 49, v) + "\"}";
            templates[v] = s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    int size() {
        return size;
    }

    /** A new array holding message {@code seq}, published at {@code nanoTime}. */
    byte[] message(long seq, long nanoTime) {
        byte[] m = templates[(int) (seq % VARIANTS)].clone();
        digits(m, SEQ_AT, 10, seq);
        digits(m, T_AT, 19, nanoTime);
        return m;
    }

    private static void digits(byte[] m, int at, int count, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative field: " + value);
        }
        for (int i = at + count - 1; i >= at; i--) {
            m[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        if (value != 0) {
            throw new IllegalArgumentException("field wider than " + count + " digits");
        }
    }

    /** Quote-like filler from xorshift32, seeded by the variant. */
    private static String pad(int length, int variant) {
        StringBuilder p = new StringBuilder(length + 16);
        int x = (variant + 1) * 0x9E3779B1;
        while (p.length() < length) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            long r = x & 0xFFFFFFFFL;
            p.append("SYM").append(two(r % 100)).append('=').append(100 + (r >>> 8) % 900).append('.')
                    .append(two((r >>> 20) % 100)).append(';');
        }
        p.setLength(length);
        return p.toString();
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
