package dev.wsf.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The fuzzer's window-enforcing decoder agrees with zlib, and rejects references beyond the window. */
class WindowedInflaterTest {
    /** Random octets, repeated 4000 octets later: zlib refers back across that distance. */
    private static byte[] data() {
        byte[] block = new byte[4000];
        new Random(7).nextBytes(block);
        byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(40).getBytes();
        return Scripts.concat(text, block, text, block);
    }

    private static byte[] syncFlushed(Deflater d, byte[] input) {
        d.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray(); // ends with 00 00 ff ff, which is the tail the receiver adds
    }

    @Test
    void decodesWhatZlibWritesWithAFullWindow() throws DataFormatException {
        byte[] data = data();
        for (int level : new int[] {0, 1, 6, 9}) {
            Deflater d = new Deflater(level, true);
            WindowedInflater w = new WindowedInflater(15, true);
            assertArrayEquals(data, w.inflateMessage(syncFlushed(d, data)));
            // context takeover: the second message may refer to the first
            assertArrayEquals(data, w.inflateMessage(syncFlushed(d, data)));
            d.end();
        }
    }

    @Test
    void rejectsABackReferenceBeyondTheWindow() {
        Deflater d = new Deflater(6, true);
        byte[] compressed = syncFlushed(d, data());
        d.end();
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new WindowedInflater(8, false).inflateMessage(compressed));
        assertTrue(e.getMessage().contains("beyond the agreed window of 256"), e.getMessage());
    }

    @Test
    void withoutContextTakeoverTheHistoryIsGone() throws DataFormatException {
        byte[] data = data();
        Deflater d = new Deflater(6, true);
        WindowedInflater w = new WindowedInflater(15, false);
        w.inflateMessage(syncFlushed(d, data));
        byte[] second = syncFlushed(d, data); // refers to the first message
        d.end();
        assertThrows(DataFormatException.class, () -> w.inflateMessage(Arrays.copyOf(second, second.length)));
    }
}
