package dev.wsf.runtime.extension.deflate;

import java.io.ByteArrayOutputStream;

/**
 * A small, independent raw DEFLATE decoder (RFC 1951) for tests: it inflates a stream and reports
 * the longest back-reference distance used, which is what a peer with a small window cares about.
 * Written for clarity, not speed. Decoding stops at the end of the input (which must fall on a
 * block boundary, as after a flush) or after a block with BFINAL set.
 */
final class DeflateStreamInspector {
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43,
        51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4,
        4, 4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** What a stream decodes to, and the furthest any match reached back. */
    record Result(byte[] output, int maxDistance, int blocks) {
    }

    private final byte[] in;
    private int bytePos;
    private int bitPos;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private byte[] window = new byte[1 << 16];
    private int outCount;
    private int maxDistance;

    private DeflateStreamInspector(byte[] in) {
        this.in = in;
    }

    /** @throws IllegalStateException if the stream is malformed */
    static Result inspect(byte[] rawDeflate) {
        DeflateStreamInspector d = new DeflateStreamInspector(rawDeflate);
        int blocks = 0;
        boolean last = false;
        while (!last && d.bytePos < d.in.length) {
            last = d.bits(1) == 1;
            int type = d.bits(2);
            switch (type) {
                case 0 -> d.stored();
                case 1 -> d.codes(Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
                case 2 -> d.dynamic();
                default -> throw new IllegalStateException("invalid block type 3");
            }
            blocks++;
        }
        return new Result(d.out.toByteArray(), d.maxDistance, blocks);
    }

    private int bits(int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (bytePos >= in.length) {
                throw new IllegalStateException("input ends inside a block");
            }
            value |= ((in[bytePos] >> bitPos) & 1) << i;
            if (++bitPos == 8) {
                bitPos = 0;
                bytePos++;
            }
        }
        return value;
    }

    private void stored() {
        if (bitPos != 0) {
            bitPos = 0;
            bytePos++;
        }
        int len = bits(16);
        int nlen = bits(16);
        if ((len ^ 0xffff) != nlen) {
            throw new IllegalStateException("stored block length check failed");
        }
        for (int i = 0; i < len; i++) {
            put((byte) bits(8));
        }
    }

    private void dynamic() {
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
            int repeat;
            int value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new IllegalStateException("repeat with no previous length");
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else if (symbol == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new IllegalStateException("too many code lengths");
            }
            for (int r = 0; r < repeat; r++) {
                lengths[i++] = value;
            }
        }
        int[] lit = new int[literalCount];
        int[] dist = new int[distanceCount];
        System.arraycopy(lengths, 0, lit, 0, literalCount);
        System.arraycopy(lengths, literalCount, dist, 0, distanceCount);
        codes(new Huffman(lit), new Huffman(dist));
    }

    private void codes(Huffman literals, Huffman distances) {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                put((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                int index = symbol - 257;
                if (index >= 29) {
                    throw new IllegalStateException("invalid length symbol " + symbol);
                }
                int length = LENGTH_BASE[index] + bits(LENGTH_EXTRA[index]);
                int d = distances.decode(this);
                if (d >= 30) {
                    throw new IllegalStateException("invalid distance symbol " + d);
                }
                int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                if (distance > outCount) {
                    throw new IllegalStateException("distance " + distance + " before the start of the stream");
                }
                maxDistance = Math.max(maxDistance, distance);
                for (int i = 0; i < length; i++) {
                    put(window[(outCount - distance) & (window.length - 1)]);
                }
            }
        }
    }

    private void put(byte b) {
        window[outCount & (window.length - 1)] = b;
        outCount++;
        out.write(b);
    }

    /** A canonical Huffman code, decoded bit by bit as RFC 1951 section 3.2.2 defines it. */
    private static final class Huffman {
        static final Huffman FIXED_LITERALS;
        static final Huffman FIXED_DISTANCES;

        static {
            int[] lit = new int[288];
            for (int i = 0; i < 288; i++) {
                lit[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
            }
            FIXED_LITERALS = new Huffman(lit);
            int[] dist = new int[30];
            java.util.Arrays.fill(dist, 5);
            FIXED_DISTANCES = new Huffman(dist);
        }

        private final int[] countPerLength = new int[16];
        private final int[] symbols;

        Huffman(int[] lengths) {
            for (int len : lengths) {
                countPerLength[len]++;
            }
            countPerLength[0] = 0;
            int[] offsets = new int[16];
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

        int decode(DeflateStreamInspector d) {
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
            throw new IllegalStateException("invalid Huffman code");
        }
    }
}
