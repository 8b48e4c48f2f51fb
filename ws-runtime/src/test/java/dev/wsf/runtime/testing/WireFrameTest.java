package dev.wsf.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-only decoder, on the examples of RFC 6455 section 5.7 written out by hand. */
class WireFrameTest {
    private static final String HELLO_UNMASKED = "81 05 48 65 6c 6c 6f";
    private static final String HELLO_MASKED = "81 85 37 fa 21 3d 7f 9f 4d 51 58";
    private static final String HEL = "01 03 48 65 6c";
    private static final String LO = "80 02 6c 6f";
    private static final String PING_UNMASKED = "89 05 48 65 6c 6c 6f";
    private static final String PONG_MASKED = "8a 85 37 fa 21 3d 7f 9f 4d 51 58";
    private static final String BINARY_256_HEADER = "82 7e 01 00";
    private static final String BINARY_64K_HEADER = "82 7f 00 00 00 00 00 01 00 00";

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] p : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + p.length);
            System.arraycopy(p, 0, all, at, p.length);
        }
        return all;
    }

    /** {@code n} bytes counting 0, 1, 2, ... (wrapping), so a misplaced byte shows. */
    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static WireFrame only(byte[] wire) {
        List<WireFrame> frames = WireFrame.decodeAll(wire);
        assertEquals(1, frames.size(), frames.toString());
        return frames.get(0);
    }

    private static String text(WireFrame f) {
        return new String(f.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void singleUnmaskedTextFrame() {
        WireFrame f = only(hex(HELLO_UNMASKED));
        assertTrue(f.fin());
        assertEquals(0, f.rsv());
        assertEquals(0x1, f.opcode());
        assertFalse(f.masked());
        assertNull(f.maskingKey());
        assertEquals("Hello", text(f));
    }

    @Test
    void singleMaskedTextFrame() {
        WireFrame f = only(hex(HELLO_MASKED));
        assertTrue(f.fin());
        assertEquals(0x1, f.opcode());
        assertTrue(f.masked());
        assertArrayEquals(hex("37 fa 21 3d"), f.maskingKey());
        assertEquals("Hello", text(f), "unmasked, the key wrapping after four bytes");
    }

    @Test
    void fragmentedUnmaskedTextMessage() {
        List<WireFrame> frames = WireFrame.decodeAll(hex(HEL + " " + LO));
        assertEquals(2, frames.size());
        assertFalse(frames.get(0).fin());
        assertEquals(0x1, frames.get(0).opcode());
        assertEquals("Hel", text(frames.get(0)));
        assertTrue(frames.get(1).fin());
        assertEquals(0x0, frames.get(1).opcode(), "a continuation frame");
        assertEquals("lo", text(frames.get(1)));
    }

    @Test
    void unmaskedPingAndMaskedPong() {
        WireFrame ping = only(hex(PING_UNMASKED));
        assertEquals(0x9, ping.opcode());
        assertFalse(ping.masked());
        assertEquals("Hello", text(ping));
        WireFrame pong = only(hex(PONG_MASKED));
        assertEquals(0xA, pong.opcode());
        assertTrue(pong.masked());
        assertEquals("Hello", text(pong));
    }

    @Test
    void binary256BytesTakesTheSixteenBitLength() {
        WireFrame f = only(concat(hex(BINARY_256_HEADER), counting(256)));
        assertTrue(f.fin());
        assertEquals(0x2, f.opcode());
        assertArrayEquals(counting(256), f.payload());
    }

    @Test
    void binary64KiBTakesTheSixtyFourBitLength() {
        WireFrame f = only(concat(hex(BINARY_64K_HEADER), counting(65536)));
        assertEquals(0x2, f.opcode());
        assertArrayEquals(counting(65536), f.payload());
    }

    @Test
    void aMaskedSixteenBitLengthFrameUnmasksEveryByte() {
        byte[] key = hex("01 02 04 08");
        byte[] plain = counting(300);
        byte[] masked = plain.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= key[i % 4];
        }
        WireFrame f = only(concat(hex("82 fe 01 2c"), key, masked));
        assertArrayEquals(key, f.maskingKey());
        assertArrayEquals(plain, f.payload());
    }

    @Test
    void aStreamOfFramesDecodesInOrder() {
        byte[] wire = concat(hex(HELLO_UNMASKED), hex(HEL), hex(PING_UNMASKED), hex(LO),
                hex(BINARY_256_HEADER), counting(256), hex("88 00"));
        List<WireFrame> frames = WireFrame.decodeAll(wire);
        assertEquals(List.of(0x1, 0x1, 0x9, 0x0, 0x2, 0x8), frames.stream().map(WireFrame::opcode).toList());
        assertEquals(0, frames.get(5).payload().length, "an empty close frame");
        assertEquals(List.of(), WireFrame.decodeAll(new byte[0]), "no bytes, no frames");
    }

    @Test
    void reservedBitsAndOpcodesPassThroughForTheCallerToJudge() {
        WireFrame f = only(hex("f3 00"));
        assertTrue(f.fin());
        assertEquals(0b111, f.rsv());
        assertEquals(0x3, f.opcode());
        WireFrame g = only(hex("41 01 21"));
        assertFalse(g.fin());
        assertEquals(0b100, g.rsv(), "RSV1 is the high bit");
        assertEquals("!", text(g));
    }

    @Test
    void inputEndingInsideAFrameFailsLoudly() {
        List<byte[]> examples = List.of(hex(HELLO_UNMASKED), hex(HELLO_MASKED), hex(HEL), hex(LO), hex(PING_UNMASKED),
                hex(PONG_MASKED), concat(hex(BINARY_256_HEADER), counting(256)));
        for (byte[] frame : examples) {
            for (int cut = 1; cut < frame.length; cut++) {
                assertTruncated(Arrays.copyOf(frame, cut));
                assertTruncated(concat(hex(HELLO_UNMASKED), Arrays.copyOf(frame, cut)));
            }
        }
        byte[] big = concat(hex(BINARY_64K_HEADER), counting(65536));
        for (int cut : new int[] {1, 2, 3, 9, 10, 11, 65545}) {
            assertTruncated(Arrays.copyOf(big, cut));
        }
        AssertionError e = assertThrows(AssertionError.class,
                () -> WireFrame.decodeAll(concat(hex(HELLO_UNMASKED), hex("81 85 37 fa 21 3d 7f 9f"))));
        assertEquals("truncated input: frame 1 (at byte 7 of 15) needs 5 bytes for the 5-byte payload at byte 13,"
                + " but only 2 are left", e.getMessage());
    }

    @Test
    void aSixtyFourBitLengthWithTheHighBitSetFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> WireFrame.decodeAll(hex("82 7f 80 00 00 00 00 00 00 00")));
        assertTrue(e.getMessage().contains("64-bit payload length"), e.getMessage());
    }

    private static void assertTruncated(byte[] wire) {
        AssertionError e = assertThrows(AssertionError.class, () -> WireFrame.decodeAll(wire),
                () -> HexFormat.of().formatHex(wire));
        assertTrue(e.getMessage().startsWith("truncated input: frame "), e.getMessage());
    }
}
