package dev.wsf.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Role;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strings other tests compare what the engine wrote against, from hand-written frames. */
class FrameRecorderTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void rendersEachKindOfFrame() {
        byte[] wire = hex("81 05 48 65 6c 6c 6f" // TEXT Hello
                + "01 03 48 65 6c 80 02 6c 6f" // TEXT... Hel, CONTINUATION lo
                + "c1 02 68 69" // RSV1 set
                + "82 03 01 02 03 81 00" // BINARY 3 bytes, an empty TEXT
                + "89 00 8a 02 01 02" // PING, PONG 0102
                + "88 02 03 e8 88 08 03 ea 67 6f 69 6e 67 21 88 00"); // CLOSE 1000, CLOSE 1002 going!, CLOSE (empty)
        assertEquals(List.of("TEXT Hello", "TEXT... Hel", "CONTINUATION lo", "TEXT rsv4 hi", "BINARY 3 bytes", "TEXT ",
                "PING ", "PONG 0102", "CLOSE 1000", "CLOSE 1002 going!", "CLOSE (empty)"), FrameRecorder.parse(wire));
    }

    @Test
    void aServerReadsMaskedFrames() {
        assertEquals(List.of("TEXT Hello"), FrameRecorder.parse(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), Role.SERVER));
    }

    @Test
    void aFrameMaskedTheWrongWayFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> FrameRecorder.parse(hex("81 00 81 85 37 fa 21 3d 7f 9f 4d 51 58")));
        assertTrue(e.getMessage().startsWith("frame 1 is masked, wrong for a CLIENT to read"), e.getMessage());
        assertThrows(AssertionError.class, () -> FrameRecorder.parse(hex("81 05 48 65 6c 6c 6f"), Role.SERVER));
    }

    @Test
    void reservedOpcodesAndTruncatedFramesFail() {
        assertThrows(AssertionError.class, () -> FrameRecorder.parse(hex("83 00")));
        assertThrows(AssertionError.class, () -> FrameRecorder.parse(hex("81 05 48 65")));
    }
}
