package dev.wsf.runtime.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
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

    /**
     * Differential check against the JDK's strict decoder: random mixes of well-formed code points
     * of every length and bytes likely to break them, validated in three random pieces.
     */
    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        SplittableRandom random = new SplittableRandom(6455);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8),
                "\u20ac".getBytes(StandardCharsets.UTF_8), "\ud83d\ude00".getBytes(StandardCharsets.UTF_8),
                "\ud7ff".getBytes(StandardCharsets.UTF_8), "\udbff\udfff".getBytes(StandardCharsets.UTF_8)};
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int parts = random.nextInt(1, 24);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(6) == 0) { // a lead and 0-3 followers, near a range's edge or anything
                    out.write(random.nextBoolean() ? random.nextInt(256) : LEAD_EDGES[random.nextInt(LEAD_EDGES.length)]);
                    for (int n = random.nextInt(4); n > 0; n--) {
                        out.write(random.nextInt(4) == 0 ? random.nextInt(256)
                                : FOLLOWER_EDGES[random.nextInt(FOLLOWER_EDGES.length)]);
                    }
                } else {
                    out.writeBytes(pieces[random.nextInt(pieces.length)]);
                }
            }
            byte[] b = out.toByteArray();
            int cut1 = random.nextInt(b.length + 1);
            int cut2 = random.nextInt(cut1, b.length + 1);
            Utf8Validator v = new Utf8Validator();
            boolean ours = v.validate(b, 0, cut1) && v.validate(b, cut1, cut2) && v.validate(b, cut2, b.length)
                    && v.isComplete();
            boolean jdk = jdkAccepts(b);
            assertEquals(jdk, ours, HexFormat.of().formatHex(b) + " cut at " + cut1 + ", " + cut2);
            rejected += jdk ? 0 : 1;
        }
        assertTrue(rejected > 2000 && rejected < 18_000, "inputs should mix good and bad: " + rejected + " rejected");
    }

    /** Bytes at the edges of Unicode table 3-7's ranges. */
    private static final int[] LEAD_EDGES = {0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    private static final int[] FOLLOWER_EDGES = {0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
