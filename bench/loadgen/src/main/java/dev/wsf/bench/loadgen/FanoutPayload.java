package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The messages of the fan-out benchmark, as every fan-out server builds them and the client
 * checks them. A message of {@code size} bytes (at least {@value #MIN_SIZE}) is ASCII JSON:
 *
 * <pre>
 * {"seq":0000000042,"t":0000123456789012345,"d":"SYM07=123.45;SYM93=870.02;..."}
 * </pre>
 *
 * {@code seq} (10 digits) numbers the server's publishes from 0; {@code t} (19 digits) is the
 * server's {@code CLOCK_MONOTONIC} in nanoseconds when it published the message (Java's
 * {@code System.nanoTime()}, Node's {@code process.hrtime.bigint()}), so a client on the same
 * machine measures publish-to-delivery with its own {@code System.nanoTime()}. The {@code d}
 * string fills the message to its size with quote-like text from one of {@value #VARIANTS}
 * variants ({@code seq % 64}), so successive messages differ as a ticker's would: compressible,
 * but not a copy of the previous one.
 *
 * <p>The same definition lives in the servers ({@code bench/servers/netty}, {@code bench/wsf-fanout},
 * {@code bench/node/payload.mjs}); the client checks every byte of every message, so any drift
 * between them fails the first message.
 */
final class FanoutPayload {
    static final int MIN_SIZE = 64;
    static final int VARIANTS = 64;
    static final int SEQ_AT = 7;
    static final int SEQ_DIGITS = 10;
    static final int T_AT = 22;
    static final int T_DIGITS = 19;
    /** Bytes that are not padding: the fields and the punctuation around them. */
    static final int FIXED = 49;

    /** Per variant, the whole message with both numbers zero. */
    private final ByteBuffer[] templates = new ByteBuffer[VARIANTS];
    private final int size;

    FanoutPayload(int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("fan-out messages have at least " + MIN_SIZE + " bytes: " + size);
        }
        this.size = size;
        for (int v = 0; v < VARIANTS; v++) {
            templates[v] = ByteBuffer.wrap(template(size, v));
        }
    }

    int size() {
        return size;
    }

    /** The message of variant {@code variant} with {@code seq} and {@code t} zero. */
    static byte[] template(int size, int variant) {
        String head = "{\"seq\":" + "0".repeat(SEQ_DIGITS) + ",\"t\":" + "0".repeat(T_DIGITS) + ",\"d\":\"";
        String s = head + pad(size - FIXED, variant) + "\"}";
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length != size) {
            throw new IllegalStateException("template has " + b.length + " bytes, not " + size);
        }
        return b;
    }

    /** Quote-like filler from xorshift32, seeded by the variant (the Node copy computes the same). */
    static String pad(int length, int variant) {
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

    /**
     * Checks that {@code m} (position to limit, not moved) is a whole message of this size with
     * sequence number {@code seq}, and returns its publish time.
     */
    long check(ByteBuffer m, long seq) throws IOException {
        if (m.remaining() != size) {
            throw new IOException("message has " + m.remaining() + " bytes, expected " + size);
        }
        int at = m.position();
        long got = digits(m, at + SEQ_AT, SEQ_DIGITS);
        if (got != seq) {
            throw new IOException("message seq " + got + ", expected " + seq + " (lost, repeated or reordered)");
        }
        long t = digits(m, at + T_AT, T_DIGITS);
        ByteBuffer expected = templates[(int) (seq % VARIANTS)];
        if (!same(m, expected, 0, SEQ_AT) || !same(m, expected, SEQ_AT + SEQ_DIGITS, T_AT)
                || !same(m, expected, T_AT + T_DIGITS, size)) {
            throw new IOException("message " + seq + " differs from what was published");
        }
        return t;
    }

    /**
     * Whether bytes [from, to) of the message equal the template's. Moves the two buffers' bounds
     * and puts the message's back, so nothing is allocated per message (one thread only).
     */
    private static boolean same(ByteBuffer m, ByteBuffer template, int from, int to) {
        int at = m.position();
        int limit = m.limit();
        m.limit(at + to).position(at + from);
        template.limit(to).position(from);
        boolean equal = m.mismatch(template) < 0;
        m.limit(limit).position(at);
        return equal;
    }

    private static long digits(ByteBuffer m, int from, int count) throws IOException {
        long v = 0;
        for (int i = from; i < from + count; i++) {
            int d = m.get(i) - '0';
            if (d < 0 || d > 9) {
                throw new IOException("message has a non-digit in a numeric field");
            }
            v = v * 10 + d;
        }
        return v;
    }
}
