package dev.wsf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientMaskingTest {

    @Test
    void masksTheRfcExample() {
        // RFC 6455 section 5.7: a masked "Hello" with key 37 fa 21 3d.
        byte[] input = hex("818537fa213d48656c6c6f");
        assertArrayEquals(hex("818537fa213d7f9f4d5158"), ClientMasking.apply(input));
    }

    @Test
    void masksEachFrameWithItsOwnKeyAndLeavesUnmaskedFramesAlone() {
        byte[] input = hex("8102 6869" + "8882 01020304 03e8" + "82fe0003 aabbccdd 010203");
        assertArrayEquals(hex("8102 6869" + "8882 01020304 02ea" + "82fe0003 aabbccdd abb9cf"),
                ClientMasking.apply(input));
    }

    @Test
    void undoesItselfOnAnyBytesSoNoWireInputIsLost() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            assertArrayEquals(input, ClientMasking.apply(ClientMasking.apply(input)));
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
