package dev.wsf.runtime.conformance;

import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * A raw DEFLATE decoder (RFC 1951) that enforces a window: every back-reference must reach no
 * further than 2^bits octets and no further than the history there is. The fuzzer uses it when
 * the server agreed to {@code server_max_window_bits} below 15, which {@link java.util.zip.Inflater}
 * cannot check (it always keeps 32 KiB), so that a server breaking its own promise fails the case
 * the way a peer with a small window would. Decodes whole messages; keeps the last window of
 * output between them unless the server promised no context takeover.
 */
final class WindowedInflater {
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    private static final int[] ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final Huffman FIXED_LITERALS;
    private static final Huffman FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        FIXED_LITERALS = new Huffman(lengths, 288);
        int[] d = new int[30];
        Arrays.fill(d, 5);
        FIXED_DISTANCES = new Huffman(d, 30);
    }

    private final int window;
    private final boolean keepHistory;
    private byte[] history = new byte[0];

    // the message being decoded
    private byte[] in;
    private int pos;
    private int bitBuffer;
    private int bitCount;
    private byte[] out;
    private int outLength;
    private int historyLength;

    WindowedInflater(int windowBits, boolean keepHistory) {
        this.window = 1 << windowBits;
        this.keepHistory = keepHistory;
    }

    /** Inflates one message's compressed octets, the 00 00 ff ff tail already appended. */
    byte[] inflateMessage(byte[] data) throws DataFormatException {
        in = data;
        pos = 0;
        bitBuffer = 0;
        bitCount = 0;
        historyLength = keepHistory ? history.length : 0;
        out = Arrays.copyOf(keepHistory ? history : new byte[0], Math.max(64, historyLength + data.length * 4));
        outLength = historyLength;
        boolean last = false;
        while (!last && pos < in.length) {
            last = bits(1) == 1;
            switch (bits(2)) {
                case 0 -> stored();
                case 1 -> codes(FIXED_LITERALS, FIXED_DISTANCES);
                case 2 -> dynamic();
                default -> throw new DataFormatException("invalid block type 3");
            }
        }
        byte[] message = Arrays.copyOfRange(out, historyLength, outLength);
        if (keepHistory) {
            history = Arrays.copyOfRange(out, Math.max(0, outLength - window), outLength);
        }
        return message;
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
        bitBuffer = 0;
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

    private void codes(Huffman literals, Huffman distances) throws DataFormatException {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                put((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                symbol -= 257;
                if (symbol >= 29) {
                    throw new DataFormatException("invalid length symbol");
                }
                int length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
                int d = distances.decode(this);
                if (d >= 30) {
                    throw new DataFormatException("invalid distance symbol");
                }
                int distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
                if (distance > window) {
                    throw new DataFormatException("a back-reference of " + distance
                            + " octets, beyond the agreed window of " + window);
                }
                if (distance > outLength) {
                    throw new DataFormatException("a back-reference of " + distance + " octets before the start");
                }
                for (int i = 0; i < length; i++) {
                    put(out[outLength - distance]);
                }
            }
        }
    }

    private void dynamic() throws DataFormatException {
        int nlen = bits(5) + 257;
        int ndist = bits(5) + 1;
        int ncode = bits(4) + 4;
        int[] lengths = new int[19];
        for (int i = 0; i < ncode; i++) {
            lengths[ORDER[i]] = bits(3);
        }
        Huffman lencode = new Huffman(lengths, 19);
        int[] all = new int[nlen + ndist];
        for (int i = 0; i < nlen + ndist; ) {
            int symbol = lencode.decode(this);
            if (symbol < 16) {
                all[i++] = symbol;
            } else {
                int value = 0;
                int repeat;
                if (symbol == 16) {
                    if (i == 0) {
                        throw new DataFormatException("repeat with no previous length");
                    }
                    value = all[i - 1];
                    repeat = 3 + bits(2);
                } else if (symbol == 17) {
                    repeat = 3 + bits(3);
                } else {
                    repeat = 11 + bits(7);
                }
                if (i + repeat > nlen + ndist) {
                    throw new DataFormatException("too many code lengths");
                }
                while (repeat-- > 0) {
                    all[i++] = value;
                }
            }
        }
        codes(new Huffman(Arrays.copyOfRange(all, 0, nlen), nlen),
                new Huffman(Arrays.copyOfRange(all, nlen, nlen + ndist), ndist));
    }

    private void put(byte b) {
        if (outLength == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[outLength++] = b;
    }

    /** A canonical Huffman code, decoded bit by bit. */
    private static final class Huffman {
        final int[] count = new int[16];
        final int[] symbol;

        Huffman(int[] lengths, int n) {
            symbol = new int[n];
            for (int i = 0; i < n; i++) {
                count[lengths[i]]++;
            }
            int[] offsets = new int[16]; // where the symbols of each code length start
            int at = 0;
            for (int len = 1; len < 16; len++) {
                offsets[len] = at;
                at += count[len];
            }
            for (int i = 0; i < n; i++) {
                if (lengths[i] != 0) {
                    symbol[offsets[lengths[i]]++] = i;
                }
            }
        }

        int decode(WindowedInflater d) throws DataFormatException {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int len = 1; len < 16; len++) {
                code |= d.bits(1);
                int c = count[len];
                if (code - c < first) {
                    return symbol[index + (code - first)];
                }
                index += c;
                first += c;
                first <<= 1;
                code <<= 1;
            }
            throw new DataFormatException("invalid Huffman code");
        }
    }
}
