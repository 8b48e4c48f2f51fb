package dev.wsf.runtime.testing;

import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * A small raw DEFLATE decoder (RFC 1951), independent of zlib, for tests that must see what
 * {@link java.util.zip.Inflater} hides: how far back each match reaches, and whether it stays
 * within a window smaller than zlib's fixed 32 KiB. Written for clarity, not speed. Decoding
 * stops at the end of the input (which must fall on a block boundary, as after a flush) or after
 * a block with BFINAL set.
 */
public final class RawDeflate {
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final Huffman FIXED_LITERALS;
    private static final Huffman FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        FIXED_LITERALS = new Huffman(lengths);
        int[] distances = new int[30];
        Arrays.fill(distances, 5);
        FIXED_DISTANCES = new Huffman(distances);
    }

    /** What a stream decodes to, the furthest any match reached back, and how many blocks it had. */
    public record Decoded(byte[] output, int maxDistance, int blocks) {
    }

    private final byte[] in;
    private final int window;
    private int pos;
    private int bitBuffer;
    private int bitCount;
    private byte[] out;
    private int outLength;
    private int maxDistance;

    private RawDeflate(byte[] in, byte[] history, int window) {
        this.in = in;
        this.window = window;
        this.out = Arrays.copyOf(history, Math.max(64, history.length + in.length * 4));
        this.outLength = history.length;
    }

    /** Decodes a stream that starts from an empty window and may reach back any distance. */
    public static Decoded decode(byte[] in) throws DataFormatException {
        return decode(in, new byte[0], Integer.MAX_VALUE);
    }

    /**
     * Decodes {@code in}, whose matches may reach into {@code history} (the output that came
     * before, as with context takeover) but never further back than {@code window} octets.
     * The history is not part of the output.
     *
     * @throws DataFormatException if the stream is malformed or a match breaks those limits
     */
    public static Decoded decode(byte[] in, byte[] history, int window) throws DataFormatException {
        RawDeflate d = new RawDeflate(in, history, window);
        int blocks = 0;
        boolean last = false;
        while (!last && d.pos < in.length) {
            last = d.bits(1) == 1;
            switch (d.bits(2)) {
                case 0 -> d.stored();
                case 1 -> d.codes(FIXED_LITERALS, FIXED_DISTANCES);
                case 2 -> d.dynamic();
                default -> throw new DataFormatException("invalid block type 3");
            }
            blocks++;
        }
        return new Decoded(Arrays.copyOfRange(d.out, history.length, d.outLength), d.maxDistance, blocks);
    }

    private int bits(int need) throws DataFormatException {
        while (bitCount < need) {
            if (pos >= in.length) {
                throw new DataFormatException("compressed data ends inside a block");
            }
            bitBuffer |= (in[pos++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        int value = bitBuffer & ((1 << need) - 1);
        bitBuffer >>>= need;
        bitCount -= need;
        return value;
    }

    private void stored() throws DataFormatException {
        bitBuffer = 0; // a stored block starts on the next byte boundary
        bitCount = 0;
        if (pos + 4 > in.length) {
            throw new DataFormatException("stored block header cut short");
        }
        int len = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8;
        int nlen = (in[pos + 2] & 0xFF) | (in[pos + 3] & 0xFF) << 8;
        pos += 4;
        if (len != (~nlen & 0xFFFF) || pos + len > in.length) {
            throw new DataFormatException("bad stored block");
        }
        for (int i = 0; i < len; i++) {
            put(in[pos++]);
        }
    }

    private void dynamic() throws DataFormatException {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeLengthCount = bits(4) + 4;
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman codeLengths = new Huffman(codeLengthLengths);
        int[] lengths = new int[literalCount + distanceCount];
        for (int i = 0; i < lengths.length; ) {
            int symbol = codeLengths.decode(this);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int value = 0;
            int repeat;
            if (symbol == 16) {
                if (i == 0) {
                    throw new DataFormatException("repeat with no previous length");
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else if (symbol == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new DataFormatException("too many code lengths");
            }
            while (repeat-- > 0) {
                lengths[i++] = value;
            }
        }
        codes(new Huffman(Arrays.copyOfRange(lengths, 0, literalCount)),
                new Huffman(Arrays.copyOfRange(lengths, literalCount, lengths.length)));
    }

    private void codes(Huffman literals, Huffman distances) throws DataFormatException {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                put((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                int index = symbol - 257;
                if (index >= 29) {
                    throw new DataFormatException("invalid length symbol " + symbol);
                }
                int length = LENGTH_BASE[index] + bits(LENGTH_EXTRA[index]);
                int d = distances.decode(this);
                if (d >= 30) {
                    throw new DataFormatException("invalid distance symbol " + d);
                }
                int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                if (distance > window) {
                    throw new DataFormatException("a back-reference of " + distance
                            + " octets, beyond the agreed window of " + window);
                }
                if (distance > outLength) {
                    throw new DataFormatException("a back-reference of " + distance + " octets before the start");
                }
                maxDistance = Math.max(maxDistance, distance);
                for (int i = 0; i < length; i++) {
                    put(out[outLength - distance]);
                }
            }
        }
    }

    private void put(byte b) {
        if (outLength == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[outLength++] = b;
    }

    /** A canonical Huffman code, decoded bit by bit as RFC 1951 section 3.2.2 defines it. */
    private static final class Huffman {
        private final int[] countPerLength = new int[16];
        private final int[] symbols;

        Huffman(int[] lengths) {
            for (int len : lengths) {
                countPerLength[len]++;
            }
            countPerLength[0] = 0;
            int[] offsets = new int[16]; // where the symbols of each code length start
            for (int len = 1; len < 15; len++) {
                offsets[len + 1] = offsets[len] + countPerLength[len];
            }
            symbols = new int[lengths.length];
            for (int s = 0; s < lengths.length; s++) {
                if (lengths[s] != 0) {
                    symbols[offsets[lengths[s]]++] = s;
                }
            }
        }

        int decode(RawDeflate d) throws DataFormatException {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int len = 1; len < 16; len++) {
                code |= d.bits(1);
                int count = countPerLength[len];
                if (code - count < first) {
                    return symbols[index + (code - first)];
                }
                index += count;
                first = (first + count) << 1;
                code <<= 1;
            }
            throw new DataFormatException("invalid Huffman code");
        }
    }
}
