package dev.wsf.runtime.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode table 3-7) as they arrive, so a message can be
 * failed at its first bad byte rather than at its end. Overlong forms, surrogates (U+D800-DFFF)
 * and code points above U+10FFFF are rejected. Not thread-safe; one per message stream.
 */
public final class Utf8Validator {
    /** In the platform's order, which costs no byte swap: the ASCII test looks at every byte alike. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes still expected for the current code point. */
    private int pending;
    /** Allowed range of the next byte; narrower than 80..BF right after E0, ED, F0 and F4. */
    private int low = 0x80;
    private int high = 0xBF;

    /** Forgets any partial code point, for the next message. */
    public void reset() {
        pending = 0;
        low = 0x80;
        high = 0xBF;
    }

    /**
     * True when the bytes seen so far end on a code point boundary.
     *
     * @return true if no code point is cut off at the end; a message must end so
     */
    public boolean isComplete() {
        return pending == 0;
    }

    /**
     * Validates {@code buf} from position to limit without moving them.
     *
     * @param buf the next bytes of the message
     * @return false at the first byte that cannot continue well-formed UTF-8
     */
    public boolean validate(ByteBuffer buf) {
        int from = buf.position();
        int to = buf.limit();
        if (buf.hasArray()) {
            return validate(buf.array(), buf.arrayOffset() + from, buf.arrayOffset() + to);
        }
        for (int i = from; i < to; i++) {
            if (!accept(buf.get(i) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Validates {@code a[from, to)}.
     *
     * @param a the bytes
     * @param from the first index to check
     * @param to the index after the last
     * @return false at the first byte that cannot continue well-formed UTF-8
     */
    public boolean validate(byte[] a, int from, int to) {
        int i = from;
        while (pending != 0) { // finish a code point split across calls
            if (i == to) {
                return true;
            }
            if (!accept(a[i++] & 0xFF)) {
                return false;
            }
        }
        i = validateWhole(a, i, to);
        if (i < 0) {
            return false;
        }
        while (i < to) { // a code point cut by the end of this chunk
            if (!accept(a[i++] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hot loop: checks whole code points with everything in locals, comparing signed bytes
     * (continuation bytes 80..BF are exactly those below -64).
     *
     * @return where the first code point not wholly inside {@code a[i, to)} starts, or -1 if
     *     the bytes are ill-formed
     */
    private static int validateWhole(byte[] a, int i, int to) {
        while (i < to) {
            // Skip runs of ASCII eight bytes at a time.
            while (i + 8 <= to && ((long) LONGS.get(a, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            while (i < to && a[i] >= 0) {
                i++;
            }
            if (i == to) {
                return i;
            }
            int lead = a[i];
            if (lead < (byte) 0xC2) {
                return -1; // a continuation byte without lead, or a C0/C1 overlong
            } else if (lead < (byte) 0xE0) {
                if (i + 2 > to) {
                    return i;
                }
                if (a[i + 1] >= -64) {
                    return -1;
                }
                i += 2;
            } else if (lead < (byte) 0xF0) {
                if (i + 3 > to) {
                    return i;
                }
                int second = a[i + 1];
                if (second >= -64 || a[i + 2] >= -64
                        || lead == (byte) 0xE0 && second < (byte) 0xA0 // overlong
                        || lead == (byte) 0xED && second > (byte) 0x9F) { // surrogate
                    return -1;
                }
                i += 3;
            } else if (lead <= (byte) 0xF4) {
                if (i + 4 > to) {
                    return i;
                }
                int second = a[i + 1];
                if (second >= -64 || a[i + 2] >= -64 || a[i + 3] >= -64
                        || lead == (byte) 0xF0 && second < (byte) 0x90 // overlong
                        || lead == (byte) 0xF4 && second > (byte) 0x8F) { // above U+10FFFF
                    return -1;
                }
                i += 4;
            } else {
                return -1; // F5..FF
            }
        }
        return i;
    }

    private boolean accept(int b) {
        if (pending == 0) {
            if (b < 0x80) {
                return true;
            }
            return lead(b);
        }
        if (b < low || b > high) {
            return false;
        }
        pending--;
        low = 0x80;
        high = 0xBF;
        return true;
    }

    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            if (b == 0xE0) {
                low = 0xA0; // no overlong three-byte forms
            } else if (b == 0xED) {
                high = 0x9F; // no surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            if (b == 0xF0) {
                low = 0x90; // no overlong four-byte forms
            } else if (b == 0xF4) {
                high = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return false; // continuation byte without lead, C0/C1 overlongs, F5..FF
        }
        return true;
    }
}
