package dev.wsf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CloseCodeTest {

    // Autobahn 7.7.x: codes a peer may send.
    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void sendableCodes(int code) {
        assertTrue(CloseCode.isSendable(code));
    }

    // Autobahn 7.9.x: codes that make a close frame a protocol error.
    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void unsendableCodes(int code) {
        assertFalse(CloseCode.isSendable(code));
    }

    @Test
    void registryLookup() {
        assertEquals(CloseCode.MESSAGE_TOO_BIG, CloseCode.of(1009).orElseThrow());
        assertTrue(CloseCode.of(4000).isEmpty());
    }

    @Test
    void reasonMustFitInAControlFrame() {
        assertEquals(123, new CloseReason(1000, "x".repeat(123)).reason().length());
        assertThrows(IllegalArgumentException.class, () -> new CloseReason(1000, "x".repeat(124)));
        // 41 three-byte characters are 123 bytes; 42 are too many.
        new CloseReason(1000, "\u20ac".repeat(41));
        assertThrows(IllegalArgumentException.class, () -> new CloseReason(1000, "\u20ac".repeat(42)));
    }

    @Test
    void codeRange() {
        assertThrows(IllegalArgumentException.class, () -> new CloseReason(999, ""));
        assertThrows(IllegalArgumentException.class, () -> new CloseReason(5000, ""));
        assertEquals("1006 gone", new CloseReason(CloseCode.ABNORMAL_CLOSURE, "gone").toString());
    }
}
