package dev.wsf.runtime.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Decodes bytes already validated as UTF-8, and finds where a chunk stops being whole code points. */
final class Utf8Text {
    private Utf8Text() {
    }

    static String decode(ByteBuffer b) {
        if (b.hasArray()) {
            return new String(b.array(), b.arrayOffset() + b.position(), b.remaining(), StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return new String(copy, StandardCharsets.UTF_8);
    }

    /**
     * How many bytes at the end of {@code a[from, to)} belong to a code point that is not
     * complete yet (0 to 3). The bytes must be a prefix of valid UTF-8.
     */
    static int incompleteTail(byte[] a, int from, int to) {
        for (int back = 1; back <= 3 && to - back >= from; back++) {
            int b = a[to - back] & 0xFF;
            if (b < 0x80) {
                return 0;
            }
            if (b >= 0xC0) { // a lead byte: is its sequence complete?
                int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return back < length ? back : 0;
            }
        }
        return 0;
    }
}
