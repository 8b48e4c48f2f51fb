package dev.wsf.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every helper of {@link TestClient}, passing and failing, against the sample endpoints. */
class TestClientTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    private final TestServer server =
            TestServer.start(SampleEndpoints.Echo.class, SampleEndpoints.Numbers.class, SampleEndpoints.Bytes.class);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void awaitTextReturnsTheNextTextMessage() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("one").sendText("two");
            assertEquals("echo: one", client.awaitText());
            assertEquals("echo: two", client.awaitText(SHORT.multipliedBy(10)));
        }
    }

    @Test
    void assertNextTextPassesOnTheSameText() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("a").assertNextText("echo: a").sendText("b").assertNextText("echo: b");
            assertEquals(List.of(new Event.Text("echo: a"), new Event.Text("echo: b")), client.messages());
        }
    }

    @Test
    void assertNextTextFailsOnAnotherTextSayingBoth() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("y");
            AssertionError e = assertThrows(AssertionError.class, () -> client.assertNextText("echo: x"));
            assertEquals("expected text \"echo: x\", got text \"echo: y\"; received so far: [text \"echo: y\"]",
                    e.getMessage());
        }
    }

    @Test
    void awaitTextFailsWhenTheNextMessageIsBinary() {
        try (TestClient client = server.connect("/bytes")) {
            AssertionError e = assertThrows(AssertionError.class, client::awaitText);
            assertEquals("expected a text message, got binary 3 bytes [01 02 ff]; received so far: "
                    + "[binary 3 bytes [01 02 ff]]", e.getMessage());
        }
    }

    @Test
    void awaitTextFailsAfterItsTimeoutListingWhatCame() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("first").assertNextText("echo: first");
            client.sendText("quiet");
            AssertionError e = assertThrows(AssertionError.class, () -> client.awaitText(SHORT));
            assertEquals("expected a text message within 300 ms, got nothing; received so far: [text \"echo: first\"]",
                    e.getMessage());
        }
    }

    @Test
    void aTimeoutFailsInBoundedTime() {
        try (TestClient client = TestClient.builder(server.uri("/echo")).timeout(SHORT).connect()) {
            assertEquals(SHORT, client.timeout());
            long start = System.nanoTime();
            AssertionError e = assertThrows(AssertionError.class, client::awaitText);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().startsWith("expected a text message within 300 ms, got nothing"), e.getMessage());
            assertTrue(took.compareTo(SHORT) >= 0, "failed before its timeout: " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
        }
    }

    @Test
    void awaitTextFailsAtOnceWhenTheConnectionClosesWithNothingLeft() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("1").sendText("x");
            assertEquals("ok 1", client.awaitText());
            long start = System.nanoTime();
            AssertionError e = assertThrows(AssertionError.class, client::awaitText);
            assertEquals("expected a text message, but the connection closed with 1008 'not a number: x' and no"
                    + " message was left; received so far: [text \"ok 1\", close 1008 'not a number: x']", e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(client.timeout()) < 0,
                    "waited for the timeout instead of failing on the close");
        }
    }

    @Test
    void messagesReceivedBeforeTheCloseAreStillReturned() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("5").sendText("x");
            client.assertClosedWith(1008);
            assertEquals("ok 5", client.awaitText());
        }
    }

    @Test
    void awaitBinaryReturnsTheNextBinaryMessage() {
        try (TestClient client = server.connect("/bytes")) {
            assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, client.awaitBinary());
            client.sendText("abc");
            assertArrayEquals("cba".getBytes(StandardCharsets.UTF_8), client.awaitBinary(SHORT.multipliedBy(10)));
        }
    }

    @Test
    void awaitBinaryFailsWhenTheNextMessageIsText() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("t");
            AssertionError e = assertThrows(AssertionError.class, client::awaitBinary);
            assertEquals("expected a binary message, got text \"echo: t\"; received so far: [text \"echo: t\"]",
                    e.getMessage());
        }
    }

    @Test
    void awaitBinaryFailsAfterItsTimeout() {
        try (TestClient client = server.connect("/echo")) {
            AssertionError e = assertThrows(AssertionError.class, () -> client.awaitBinary(SHORT));
            assertEquals("expected a binary message within 300 ms, got nothing; received so far: nothing",
                    e.getMessage());
        }
    }

    @Test
    void awaitTextWithAConditionSkipsTheMessagesBeforeTheMatch() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("a").sendText("b").sendText("c").sendText("d");
            assertEquals("echo: c", client.awaitText(text -> text.endsWith("c")));
            assertEquals("echo: d", client.awaitText());
        }
    }

    @Test
    void awaitTextWithAConditionFailsWhenNothingMatchesBeforeTheClose() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("1").sendText("no");
            AssertionError e = assertThrows(AssertionError.class, () -> client.awaitText(text -> text.equals("ok 2")));
            assertEquals("expected a text message matching the condition, but the connection closed with 1008"
                    + " 'not a number: no' and no message was left; received so far: [text \"ok 1\", close 1008"
                    + " 'not a number: no']", e.getMessage());
        }
    }

    @Test
    void awaitMessageReturnsTheFirstMatchingMessageOfEitherKind() {
        try (TestClient client = server.connect("/bytes")) {
            client.sendText("xy");
            Event reversed = client.awaitMessage(e -> e instanceof Event.Binary b && b.bytes().length == 2);
            assertEquals(new Event.Binary("yx".getBytes(StandardCharsets.UTF_8)), reversed);
        }
    }

    @Test
    void awaitMessageFailsAfterItsTimeout() {
        try (TestClient client = server.connect("/bytes")) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> client.awaitMessage(m -> m instanceof Event.Text, SHORT));
            assertEquals("expected a message matching the condition within 300 ms, got nothing; received so far:"
                    + " [binary 3 bytes [01 02 ff]]", e.getMessage());
        }
    }

    @Test
    void assertNoMoreMessagesPassesWhenAllWereConsumedAndNothingComes() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("a").assertNextText("echo: a");
            client.sendText("quiet");
            long start = System.nanoTime();
            client.assertNoMoreMessages(SHORT);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(SHORT) >= 0, "watched less than asked");
        }
    }

    @Test
    void assertNoMoreMessagesFailsOnAMessageNotConsumed() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("a").sendText("b");
            client.awaitText();
            AssertionError e = assertThrows(AssertionError.class, () -> client.assertNoMoreMessages(SHORT));
            assertEquals("expected no more messages for 300 ms, got text \"echo: b\"; received so far:"
                    + " [text \"echo: a\", text \"echo: b\"]", e.getMessage());
        }
    }

    @Test
    void assertNoMoreMessagesStopsWatchingOnceTheConnectionIsClosed() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("x").assertClosedWith(1008);
            long start = System.nanoTime();
            client.assertNoMoreMessages(Duration.ofSeconds(30));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        }
    }

    @Test
    void awaitCloseReturnsTheServersCloseReason() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("nope");
            assertEquals(new CloseReason(1008, "not a number: nope"), client.awaitClose());
            assertEquals(new CloseReason(1008, "not a number: nope"), client.awaitClose(SHORT));
        }
    }

    @Test
    void awaitCloseFailsWhileTheConnectionStaysOpen() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("hi").assertNextText("echo: hi");
            AssertionError e = assertThrows(AssertionError.class, () -> client.awaitClose(SHORT));
            assertEquals("expected the connection to close within 300 ms, but it is still open; received so far:"
                    + " [text \"echo: hi\"]", e.getMessage());
        }
    }

    @Test
    void assertClosedWithPassesOnTheCodeAndOnTheCodeAndReason() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("z");
            assertEquals("not a number: z", client.assertClosedWith(1008).reason());
            assertEquals(1008, client.assertClosedWith(1008, "not a number: z").code());
        }
    }

    @Test
    void assertClosedWithFailsOnAnotherCodeSayingBoth() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("z");
            AssertionError e = assertThrows(AssertionError.class, () -> client.assertClosedWith(1000));
            assertEquals("expected close code 1000, got 1008 'not a number: z'; received so far:"
                    + " [close 1008 'not a number: z']", e.getMessage());
        }
    }

    @Test
    void assertClosedWithFailsOnAnotherReason() {
        try (TestClient client = server.connect("/numbers")) {
            client.sendText("z");
            AssertionError e = assertThrows(AssertionError.class, () -> client.assertClosedWith(1008, "bad"));
            assertEquals("expected close 1008 'bad', got 1008 'not a number: z'; received so far:"
                    + " [close 1008 'not a number: z']", e.getMessage());
        }
    }

    @Test
    void assertClosedWithFailsWhenTheConnectionStaysOpen() {
        try (TestClient client = TestClient.builder(server.uri("/echo")).timeout(SHORT).connect()) {
            AssertionError e = assertThrows(AssertionError.class, () -> client.assertClosedWith(1000));
            assertEquals("expected the connection to close within 300 ms, but it is still open; received so far:"
                    + " nothing", e.getMessage());
        }
    }

    @Test
    void closeWithACodeEndsTheHandshakeWithThePeersAnswer() {
        try (TestClient client = server.connect("/echo")) {
            CloseReason answer = client.close(1000, "done");
            assertEquals(1000, answer.code());
            assertFalse(client.session().isOpen());
            assertEquals(new Event.Closed(answer), client.events().get(client.events().size() - 1));
            AssertionError e = assertThrows(AssertionError.class, () -> client.sendText("late"));
            assertTrue(e.getMessage().startsWith("could not send text \"late\": "), e.getMessage());
        }
    }

    @Test
    void eventsRecordPongsInOrderAndMessagesLeaveThemOut() {
        try (TestClient client = server.connect("/echo")) {
            client.sendPing(new byte[] {7});
            client.sendText("after");
            client.assertNextText("echo: after");
            List<Event> events = client.events();
            assertEquals(List.of(new Event.Pong(new byte[] {7}), new Event.Text("echo: after")), events);
            assertEquals(List.of(new Event.Text("echo: after")), client.messages());
        }
    }

    @Test
    void theBuilderOffersSubprotocols() {
        try (TestClient client = TestClient.builder(server.uri("/echo")).subprotocols("chat.v2", "chat.v1")
                .header("X-Test", "yes").connect()) {
            assertEquals("chat.v1", client.session().subprotocol().orElseThrow());
            assertEquals("yes", client.session().handshakeRequest().header("X-Test").orElseThrow());
        }
    }

    @Test
    void closeIsSafeTwiceAndAfterTheServerStopped() {
        TestClient client = server.connect("/echo");
        server.close();
        client.close();
        client.close();
        assertEquals(1001, client.awaitClose(SHORT).code());
    }

    @Test
    void eventsShowTheirPayloadsAndCompareByContent() {
        assertEquals(new Event.Binary(new byte[] {1, 2}), new Event.Binary(new byte[] {1, 2}));
        assertEquals(new Event.Binary(new byte[] {1, 2}).hashCode(), new Event.Binary(new byte[] {1, 2}).hashCode());
        assertEquals("binary 1 byte [0a]", new Event.Binary(new byte[] {10}).toString());
        assertEquals("ping 0 bytes []", new Event.Ping(new byte[0]).toString());
        assertEquals("close 1000 (no reason)", new Event.Closed(CloseReason.NORMAL).toString());
        String longText = "x".repeat(250);
        assertEquals("text \"" + "x".repeat(200) + "\"... (250 chars)", new Event.Text(longText).toString());
        byte[] bytes = {1};
        Event.Binary binary = new Event.Binary(bytes);
        bytes[0] = 9;
        binary.bytes()[0] = 9;
        assertArrayEquals(new byte[] {1}, binary.bytes(), "a copy, unchanged by either array");
    }

    @Test
    void theTimeoutMustBePositive() {
        TestClient.Builder builder = TestClient.builder(server.uri("/echo"));
        assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
        assertEquals(Duration.ofSeconds(5), TestClient.DEFAULT_TIMEOUT);
    }
}
