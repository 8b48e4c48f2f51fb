package dev.wsf.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The independent decoder of server output accepts what RFC 6455 allows and nothing else. */
class WireFramesTest {

    @Test
    void acceptsFragmentedTextWithPingBetweenAndCloseLast() {
        List<WireFrames.Frame> frames = decode("01 03 486565 89 01 70 80 02 6c6f 88 02 03e8", false);
        assertEquals(4, frames.size());
        WireMessages messages = WireMessages.of(frames, false);
        assertEquals("Heelo", new String(messages.messages.get(0).payload()));
    }

    @Test
    void inflatesCompressedMessagesKeepingTheWindowAcrossMessages() {
        java.util.zip.Deflater shared = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        byte[] a = ClientFrames.compress(shared, "abcabcabc".getBytes());
        byte[] b = ClientFrames.compress(shared, "abcabcabc".getBytes());
        shared.end();
        byte[] wire = concat(serverFrame(0xC1, a), serverFrame(0xC1, b));
        WireMessages messages = WireMessages.of(WireFrames.decode(wire, 0, true), false);
        assertEquals("abcabcabc", new String(messages.messages.get(1).payload()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "masked frame, 81 85 00000000 48656c6c6f",
            "RSV2 set, a1 00",
            "reserved opcode 3, 83 00",
            "fragmented ping, 09 00",
            "control frame over 125 bytes, 89 7e 007e",
            "16-bit length below 126, 82 7e 0005 0102030405",
            "64-bit length below 65536, 82 7f 0000000000000005 0102030405",
            "truncated payload, 81 05 4865",
            "truncated header, 81",
            "continuation outside a message, 80 00",
            "new message inside a fragmented one, 01 01 41 81 01 42",
            "frame after close, 88 00 81 00",
            "close payload of one byte, 88 01 03",
            "close code 1005 on the wire, 88 02 03ed",
            "close code 1004, 88 02 03ec",
            "close code 2999, 88 02 0bb7",
            "close reason not UTF-8, 88 04 03e8 c328",
            "RSV1 without deflate, c1 00",
    })
    void rejects(String violation, String hex) {
        assertThrows(AssertionError.class, () -> decode(hex, false), violation);
    }

    @Test
    void rejectsRsv1OnContinuationAndControlFramesEvenWithDeflate() {
        assertThrows(AssertionError.class, () -> decode("41 00 c0 00", true));
        assertThrows(AssertionError.class, () -> decode("c9 00", true));
    }

    @Test
    void rejectsTextThatIsNotUtf8AndCompressedDataThatDoesNotInflate() {
        assertThrows(AssertionError.class, () -> WireMessages.of(decode("81 02 c328", false), false));
        assertThrows(AssertionError.class, () -> WireMessages.of(decode("c1 03 ffffff", true), false));
    }

    @Test
    void acceptsTheCloseCodesThatMayBeSent() {
        for (int code : new int[] {1000, 1003, 1007, 1011, 1014, 3000, 4999}) {
            assertTrue(WireFrames.isSendableCloseCode(code), "code " + code);
        }
    }

    private static List<WireFrames.Frame> decode(String hex, boolean deflate) {
        return WireFrames.decode(HexFormat.of().parseHex(hex.replace(" ", "")), 0, deflate);
    }

    private static byte[] serverFrame(int b0, byte[] payload) {
        byte[] f = new byte[2 + payload.length];
        f[0] = (byte) b0;
        f[1] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 2, payload.length);
        return f;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
