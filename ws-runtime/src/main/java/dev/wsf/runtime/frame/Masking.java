package dev.wsf.runtime.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XORs payload bytes with a 4-byte masking key (RFC 6455 section 5.3), eight bytes at a time.
 *
 * <p>The eight-byte steps read and write in the platform's byte order, with the key laid out to
 * match: the JIT turns such a loop into vector instructions, whereas big-endian accesses on a
 * little-endian CPU swap every long and stay scalar (5-8x slower for 16 KiB, on x86-64 with
 * JDK 17: JMH {@code CodecBenchmark.unmask*}).
 */
public final class Masking {
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** The shortest range of a direct buffer masked through a heap copy on this JDK (see applyToBuffer). */
    private static final int COPY_MIN = copyMinFor(Runtime.version().feature());
    /**
     * Per thread that unmasks long ranges of direct buffers, in practice the I/O loops' threads
     * (masked bytes arrive in a server's read buffer): 16 KiB, a multiple of four.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, NATIVE);

    private Masking() {
    }

    /**
     * Masks or unmasks {@code buf[from, to)} in place.
     *
     * @param key    the masking key, its first wire byte in the most significant position
     * @param offset how many payload bytes of this frame came before {@code from}; picks the key
     *               byte to start with when a payload arrives in pieces
     * @param buf the bytes; its position and limit are not used or changed
     * @param from the first index to mask, absolute
     * @param to the index after the last
     */
    public static void apply(ByteBuffer buf, int from, int to, int key, long offset) {
        apply(buf, from, to, key, offset, COPY_MIN);
    }

    /** Like {@link #apply}, with a direct buffer's range masked through a heap copy from {@code copyMin} bytes. */
    static void apply(ByteBuffer buf, int from, int to, int key, long offset, int copyMin) {
        if (key == 0 || from >= to) {
            return;
        }
        int rotated = Integer.rotateLeft(key, (int) (offset & 3) * 8);
        if (buf.hasArray()) {
            int base = buf.arrayOffset();
            applyToArray(buf.array(), base + from, base + to, rotated);
        } else {
            applyToBuffer(buf, from, to, rotated, copyMin);
        }
    }

    /**
     * From JDK 25 on, the JIT vectorises the in-place loop over a direct buffer too (JMH
     * {@code CodecBenchmark.unmaskDirect}, 16 KiB: 230 ns in place, 310 ns through the copy; on
     * JDK 17: 1,160 ns in place, 420-450 ns through the copy), so no range takes the copy there.
     * JDK 18 to 24 were not measured and keep the copy: much the faster on 17, 40% slower on 25.
     */
    static int copyMinFor(int jdkFeature) {
        return jdkFeature >= 25 ? Integer.MAX_VALUE : 2048;
    }

    /** {@code key} twice, laid out so that a long read in the platform's order lines up with the bytes. */
    private static long wide(int key) {
        long wide = ((long) key << 32) | (key & 0xFFFFFFFFL);
        return NATIVE == ByteOrder.BIG_ENDIAN ? wide : Long.reverseBytes(wide);
    }

    private static void applyToArray(byte[] a, int from, int to, int key) {
        long wide = wide(key);
        int i = from;
        for (int end = to - 7; i < end; i += 8) {
            LONGS.set(a, i, (long) LONGS.get(a, i) ^ wide);
        }
        for (int shift = 24; i < to; i++, shift = (shift - 8) & 31) {
            a[i] ^= (byte) (key >>> shift);
        }
    }

    /**
     * On JDK 17 a long range goes through a heap copy: copied out and back with the JDK's bulk
     * copies and masked in between by the array loop, which the JIT vectorises. The same
     * eight-byte loop run on the direct buffer itself stays scalar there: in the 16 KiB echo
     * ({@code perf}, the method kept out of line) it took 17% of the server's CPU, the copy path
     * 10-11% (two thirds of it the two copies). The copy's fixed cost makes it pay from about
     * 2 KiB (JMH: 60 ns for 1 KiB, 140 ns for 4 KiB), so shorter ranges, most frames, are masked
     * in place.
     */
    private static void applyToBuffer(ByteBuffer b, int from, int to, int key, int copyMin) {
        if (to - from < copyMin) {
            applyInPlace(b, from, to, key);
            return;
        }
        byte[] scratch = SCRATCH.get();
        for (int i = from; i < to; i += scratch.length) {
            int n = Math.min(scratch.length, to - i);
            b.get(i, scratch, 0, n);
            applyToArray(scratch, 0, n, key); // whole rounds are a multiple of four bytes: the key stays in step
            b.put(i, scratch, 0, n);
        }
    }

    /** In {@code b}'s own byte order, with the key laid out for it: nothing allocated or changed. */
    private static void applyInPlace(ByteBuffer b, int from, int to, int key) {
        long wide = b.order() == NATIVE ? wide(key) : Long.reverseBytes(wide(key));
        int i = from;
        for (int end = to - 7; i < end; i += 8) {
            b.putLong(i, b.getLong(i) ^ wide);
        }
        applyBytewise(b, i, to, key);
    }

    /** The last bytes, fewer than eight, from a multiple of four past the range's start. */
    private static void applyBytewise(ByteBuffer b, int from, int to, int key) {
        for (int i = from, shift = 24; i < to; i++, shift = (shift - 8) & 31) {
            b.put(i, (byte) (b.get(i) ^ (key >>> shift)));
        }
    }
}
