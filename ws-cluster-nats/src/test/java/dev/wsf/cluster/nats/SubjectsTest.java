package dev.wsf.cluster.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Topic names as subject tokens: readable when they can be, valid and distinct always. */
class SubjectsTest {

    @Test
    void plainNamesStayAsTheyAreAndTheRestIsPercentEncodedUtf8() {
        assertEquals("chat-room_1", Subjects.encode("chat-room_1"));
        assertEquals("room%2F1", Subjects.encode("room/1"));
        assertEquals("a%2Eb", Subjects.encode("a.b"));
        assertEquals("%2A", Subjects.encode("*"));
        assertEquals("%3E", Subjects.encode(">"));
        assertEquals("two%20words%09", Subjects.encode("two words\t"));
        assertEquals("caf%C3%A9", Subjects.encode("café"));
        assertEquals("%25", Subjects.encode("%"));
        assertEquals("%F0%9F%98%80", Subjects.encode("😀"));
    }

    @Test
    void everyNameRoundTripsToOneValidTokenWithoutWildcards() {
        for (String name : List.of("a", "a.b", "..", "*", ">", "a.>", "%41", "café", "\u0000", "x".repeat(256),
                "é".repeat(256), "😀".repeat(128), "wsf.topic.a")) {
            String token = Subjects.encode(name);
            assertEquals(name, Subjects.decode(token));
            assertTrue(token.matches("[A-Za-z0-9_%-]+"), token);
        }
    }

    @Test
    void tokensThisCodeDoesNotWriteAreRefused() {
        for (String token : List.of("a.b", "%2f", "%41", "%", "%4", "*", "caf\u00e9", "%C3")) {
            assertThrows(IllegalArgumentException.class, () -> Subjects.decode(token), token);
        }
    }

    @Test
    void prefixesAreTokensEndingWithADot() {
        assertEquals("wsf.topic.", Subjects.checkPrefix("wsf.topic."));
        assertEquals("", Subjects.checkPrefix(""));
        for (String bad : List.of("wsf.topic", ".", "a..", "*.", ">.", "a b.", ".a.")) {
            assertThrows(IllegalArgumentException.class, () -> Subjects.checkPrefix(bad), bad);
        }
    }
}
