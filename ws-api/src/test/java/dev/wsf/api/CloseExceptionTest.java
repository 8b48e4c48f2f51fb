package dev.wsf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseExceptionTest {

    @Test
    void keepsASendableCode() {
        assertEquals(4001, new CloseException(4001, "no more").closeCode());
        assertEquals(1008, new CloseException(CloseCode.POLICY_VIOLATION, "no", new RuntimeException()).closeCode());
    }

    // A code no close frame may carry fails where the application chose it, not later on an I/O thread.
    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1005, 1006, 1015, 2000, 5000})
    void refusesACodeThatMayNotBeSent(int code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CloseException(code, "x"));
        assertTrue(e.getMessage().startsWith("close code " + code + " may not be sent"), e.getMessage());
    }

    @Test
    void refusesAReservedRegisteredCode() {
        assertThrows(IllegalArgumentException.class, () -> new CloseException(CloseCode.ABNORMAL_CLOSURE, "x"));
    }
}
