package dev.wsf.runtime.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    private static boolean wellFormed(byte[] b) {
        Utf8Validator v = new Utf8Validator();
        return v.validate(b, 0, b.length) && v.isComplete();
    }

    /** Validating in two pieces, split anywhere, must agree with validating at once. */
    private static boolean wellFormedEverySplit(byte[] b) {
        boolean whole = wellFormed(b);
        for (int cut = 0; cut <= b.length; cut++) {
            Utf8Validator v = new Utf8Validator();
            boolean ok = v.validate(ByteBuffer.wrap(b, 0, cut).slice()) && v.validate(ByteBuffer.wrap(b, cut, b.length - cut).slice())
                    && v.isComplete();
            assertEquals(whole, ok, "split at " + cut + " of " + HexFormat.of().formatHex(b));
        }
        return whole;
    }

    // Autobahn 6.2-6.3, 6.5, 6.6-6.7 (boundary code points), 6.9-6.11, 6.22 (non-characters are valid).
    @ParameterizedTest
    @ValueSource(strings = {"", "48656c6c6f", "cebae1bdb9cf83cebcceb5", "7f", "c280", "dfbf", "e0a080", "ed9fbf",
            "ee8080", "efbfbd", "efbfbf", "f0908080", "f48fbfbf", "f3bfbfbf", "efbfbe",
            "48656c6c6f2d c2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121"})
    void acceptsWellFormed(String hex) {
        assertTrue(wellFormedEverySplit(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    // Autobahn 6.3.1, 6.6.x, 6.8 (> U+10FFFF), 6.12-6.21 (stray continuations, truncated
    // sequences, overlongs, surrogates).
    @ParameterizedTest
    @ValueSource(strings = {"80", "bf", "c0af", "c1bf", "e080af", "f08080af", "f4908080", "f5808080", "f8", "fe",
            "ff", "c2", "e0a0", "f09080", "eda080", "edbfbf", "edadbfedb080", "cebae1bdb9cf83cebcceb5eda080656469746564",
            "c0", "e08080", "c220", "e02020"})
    void rejectsIllFormed(String hex) {
        assertFalse(wellFormedEverySplit(HexFormat.of().parseHex(hex)));
    }

    @Test
    void failsAtTheFirstBadByte() {
        // Autobahn 6.4.1: the valid prefix passes; the first invalid byte fails at once.
        Utf8Validator v = new Utf8Validator();
        assertTrue(v.validate(ByteBuffer.wrap(HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5"))));
        assertFalse(v.validate(ByteBuffer.wrap(HexFormat.of().parseHex("f4908080"))));
    }

    @Test
    void longAsciiRunsAndMixedContent() {
        String s = "a".repeat(1000) + "\u00e9" + "b".repeat(13) + "\ud83d\ude00" + "c".repeat(7);
        assertTrue(wellFormed(s.getBytes(StandardCharsets.UTF_8)));
        byte[] bad = ("a".repeat(1000) + "x").getBytes(StandardCharsets.UTF_8);
        bad[1000] = (byte) 0xC0;
        assertFalse(wellFormed(bad));
    }

    @Test
    void directBuffers() {
        byte[] b = "h\u00e9llo w\u00f6rld".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
        assertTrue(new Utf8Validator().validate(direct));
        direct.put(1, (byte) 0xFF);
        assertFalse(new Utf8Validator().validate(direct));
    }
}
