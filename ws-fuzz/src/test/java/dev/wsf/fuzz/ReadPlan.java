package dev.wsf.fuzz;

import java.util.Arrays;

/**
 * How a fuzz input is laid out when it stands for bytes arriving from a peer: a control byte,
 * the sizes of the reads, then the bytes themselves. Keeping the read sizes in the input lets
 * the fuzzer find bugs that only show when a frame or a head is split at one particular byte.
 * <pre>
 *   byte 0          control: low nibble n = how many size bytes follow; high nibble = flags
 *   bytes 1..n      read sizes, each (b &amp; 0xFF) + 1 bytes, used in turn and then again
 *   the rest        the stream; n = 0 delivers it in one read
 * </pre>
 * An empty input is an empty stream with no flags.
 */
record ReadPlan(int flags, int[] sizes, byte[] stream) {

    static ReadPlan parse(byte[] input) {
        if (input.length == 0) {
            return new ReadPlan(0, new int[0], input);
        }
        int control = input[0] & 0xFF;
        int n = Math.min(control & 0x0F, input.length - 1);
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = (input[1 + i] & 0xFF) + 1;
        }
        return new ReadPlan(control >>> 4, sizes, Arrays.copyOfRange(input, 1 + n, input.length));
    }

    /** Encodes a plan: the inverse of {@link #parse}, for writing seeds. Sizes are 1 to 256. */
    static byte[] encode(int flags, int[] sizes, byte[] stream) {
        if (flags < 0 || flags > 15 || sizes.length > 15) {
            throw new IllegalArgumentException("4 bits of flags and at most 15 sizes");
        }
        byte[] out = new byte[1 + sizes.length + stream.length];
        out[0] = (byte) (flags << 4 | sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || sizes[i] > 256) {
                throw new IllegalArgumentException("read size out of range: " + sizes[i]);
            }
            out[1 + i] = (byte) (sizes[i] - 1);
        }
        System.arraycopy(stream, 0, out, 1 + sizes.length, stream.length);
        return out;
    }

    boolean flag(int bit) {
        return (flags & bit) != 0;
    }

    /** The size of the read starting at {@code offset}, the {@code index}-th read. */
    int readSize(int index, int offset) {
        int left = stream.length - offset;
        return sizes.length == 0 ? left : Math.min(left, sizes[index % sizes.length]);
    }
}
