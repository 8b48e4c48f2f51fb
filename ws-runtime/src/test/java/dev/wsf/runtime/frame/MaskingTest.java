package dev.wsf.runtime.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static byte[] reference(byte[] in, int key, int offset) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (key >>> (24 - 8 * ((i + offset) % 4)));
        }
        return out;
    }

    /** {@code data} with {@code [from, to)} masked by the bytewise reference. */
    private static byte[] referenceRange(byte[] data, int from, int to, int key, int offset) {
        byte[] expected = data.clone();
        System.arraycopy(reference(Arrays.copyOfRange(data, from, to), key, offset), 0, expected, from, to - from);
        return expected;
    }

    /** The copy thresholds of the JDKs with different strategies: the copy from 2 KiB (17) and never (25). */
    private static final int[] COPY_MINS = {Masking.copyMinFor(17), Masking.copyMinFor(25)};

    /**
     * Asserts that {@code data} in a direct buffer of the given byte order, {@code [from, to)}
     * masked by {@link Masking} with each JDK's strategy, comes out as {@code expected}.
     */
    private static void assertMaskedDirect(byte[] expected, byte[] data, ByteOrder order, int from, int to,
                                           int key, int offset, String what) {
        for (int copyMin : COPY_MINS) {
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).order(order).put(data).flip();
            Masking.apply(direct, from, to, key, offset, copyMin);
            byte[] got = new byte[data.length];
            direct.get(got);
            assertArrayEquals(expected, got, what + ", copy from " + copyMin + " bytes");
        }
    }

    @Test
    void matchesBytewiseMaskingForEveryLengthAndOffset() {
        Random random = new Random(42);
        for (int len = 0; len < 40; len++) {
            for (int offset = 0; offset < 4; offset++) {
                byte[] data = new byte[len];
                random.nextBytes(data);
                int key = random.nextInt();
                ByteBuffer heap = ByteBuffer.wrap(data.clone());
                Masking.apply(heap, 0, len, key, offset);
                assertArrayEquals(reference(data, key, offset), heap.array());

                assertMaskedDirect(reference(data, key, offset), data, ByteOrder.BIG_ENDIAN, 0, len, key, offset,
                        len + " bytes, key offset " + offset);
            }
        }
    }

    @Test
    void respectsSliceOffsetsAndRange() {
        byte[] data = new byte[64];
        new Random(7).nextBytes(data);
        ByteBuffer slice = ByteBuffer.wrap(data.clone(), 5, 50).slice();
        Masking.apply(slice, 3, 43, 0x01020304, 2);
        byte[] expected = data.clone();
        byte[] masked = reference(Arrays.copyOfRange(data, 8, 48), 0x01020304, 2);
        System.arraycopy(masked, 0, expected, 8, 40);
        assertArrayEquals(expected, slice.array());
    }

    @Test
    void longPayloadsAtEveryStartMatchInBothKindsOfBuffer() {
        Random random = new Random(11);
        byte[] data = new byte[16 * 1024 + 11];
        random.nextBytes(data);
        for (int from = 0; from < 9; from++) {
            int key = random.nextInt();
            int to = data.length - from;
            byte[] expected = referenceRange(data, from, to, key, 1);

            ByteBuffer heap = ByteBuffer.wrap(data.clone());
            Masking.apply(heap, from, to, key, 1);
            assertArrayEquals(expected, heap.array(), "heap, from " + from);

            assertMaskedDirect(expected, data, ByteOrder.BIG_ENDIAN, from, to, key, 1, "direct, from " + from);
        }
    }

    @Test
    void directBuffersInEitherByteOrderAroundTheLengthWhereTheCopyStarts() {
        Random random = new Random(13);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (int len = 2030; len < 2060; len++) {
                byte[] data = new byte[len + 3];
                random.nextBytes(data);
                int key = random.nextInt();
                assertMaskedDirect(referenceRange(data, 3, len + 3, key, 2), data, order, 3, len + 3, key, 2,
                        order + ", " + len + " bytes");
            }
        }
    }

    @Test
    void aDirectRangeLongerThanTheScratchKeepsTheKeyInStepAcrossItsRounds() {
        Random random = new Random(17);
        byte[] data = new byte[40 * 1024 + 13];
        random.nextBytes(data);
        for (int offset = 0; offset < 4; offset++) {
            int key = random.nextInt();
            int from = 5;
            int to = data.length - 2;
            assertMaskedDirect(referenceRange(data, from, to, key, offset), data, ByteOrder.BIG_ENDIAN, from, to,
                    key, offset, "key offset " + offset);
        }
    }

    @Test
    void leavesTheBuffersByteOrderAsItFoundIt() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer direct = ByteBuffer.allocateDirect(32).order(order);
            Masking.apply(direct, 0, 32, 0x01020304, 0);
            assertEquals(order, direct.order());
        }
    }
}
