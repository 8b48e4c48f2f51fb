package dev.wsf.runtime.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.TopicStats;
import dev.wsf.api.Topics;
import dev.wsf.runtime.extension.deflate.DeflateSettings;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import dev.wsf.runtime.server.ServerContext;
import dev.wsf.runtime.testing.RawDeflate;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Topics byte by byte: what subscribers get on the wire, in what order, and what slow ones get. */
class TopicsTest {
    private final List<RecordingHandler> handlers = new ArrayList<>();
    private ServerContext context;

    private ServerContext server(ServerConfig.Builder config) {
        EndpointDefinition e = EndpointDefinition.builder("/t", r -> {
            RecordingHandler h = new RecordingHandler(false);
            handlers.add(h);
            return h;
        }).dispatch(Dispatch.IO_THREAD).build();
        context = new ServerContext(config.host("127.0.0.1").port(0).build(), List.of(e), null, Runnable::run);
        return context;
    }

    private ServerHarness subscriber(String topic, String extensions) {
        ServerHarness h = new ServerHarness(context);
        UpgradeRequestBuilder request = UpgradeRequestBuilder.to("/t");
        if (extensions != null) {
            request.header("Sec-WebSocket-Extensions", extensions);
        }
        h.send(request.bytes());
        assertEquals(101, h.status());
        Session s = handlers.get(handlers.size() - 1).session;
        if (topic != null) {
            s.subscribe(topic);
            h.transport.runTasks();
        }
        return h;
    }

    private Session session(int i) {
        return handlers.get(i).session;
    }

    private static void run(ServerHarness... hs) {
        for (ServerHarness h : hs) {
            h.transport.runTasks();
        }
    }

    @Test
    void aPublishedMessageIsOneFrameSharedByEverySubscriberWithTheBytesOfAPlainSend() {
        server(ServerConfig.builder());
        ServerHarness a = subscriber("news", null);
        ServerHarness b = subscriber("news", null);
        ServerHarness other = subscriber("sport", null);
        Topics topics = context.topics();
        assertEquals(2, topics.publish("news", "héllo"));
        run(a, b, other);
        byte[] onA = a.transport.take();
        byte[] onB = b.transport.take();
        session(2).sendText("héllo");
        byte[] plainSend = other.transport.take();
        assertEquals(java.util.HexFormat.of().formatHex(plainSend), java.util.HexFormat.of().formatHex(onA),
                "the same bytes as sendText");
        assertEquals(java.util.HexFormat.of().formatHex(onA), java.util.HexFormat.of().formatHex(onB));
        assertEquals(new TopicStats("news", 2, 1, 2, 0, 0), topics.stats("news"));
    }

    @Test
    void theFrameIsBuiltOnceAndOnlyDuplicatedPerSubscriber() {
        SharedFrame f = SharedFrame.text("x".repeat(100));
        ByteBuffer one = f.plainFrame();
        ByteBuffer two = f.plainFrame();
        assertSame(one.array(), two.array(), "one backing array for every subscriber");
        one.position(one.limit());
        assertEquals(102, two.remaining(), "each reads through a position of its own");
    }

    @Test
    void oneSubscriberSeesOnePublishersMessagesInOrder() {
        server(ServerConfig.builder());
        ServerHarness a = subscriber("t", null);
        for (int i = 0; i < 50; i++) {
            context.topics().publish("t", "m" + i);
        }
        run(a);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("TEXT m" + i);
        }
        assertEquals(expected, a.frames());
    }

    @Test
    void unsubscribingClosingAndPublishingToNobody() {
        server(ServerConfig.builder());
        ServerHarness a = subscriber("t", null);
        ServerHarness b = subscriber("t", null);
        assertEquals(Set.of("t"), context.topics().topicsOf(session(0)));
        session(0).unsubscribe("t");
        run(a);
        session(1).close(new CloseReason(1000, ""));
        b.eof();
        run(b);
        assertEquals(0, context.topics().subscriberCount("t"), "a closed session leaves its topics");
        assertEquals(Set.of(), context.topics().topics());
        assertEquals(0, context.topics().publish("t", "to nobody"));
        assertEquals(0, context.topics().publish("never-used", "to nobody"));
        session(1).subscribe("t");
        assertEquals(0, context.topics().subscriberCount("t"), "subscribing a closed session does nothing");
        run(a);
        assertEquals(List.of(), a.frames());
    }

    @Test
    void topicNamesAreChecked() {
        server(ServerConfig.builder());
        subscriber(null, null);
        Topics topics = context.topics();
        assertThrows(IllegalArgumentException.class, () -> topics.subscribe(session(0), ""));
        assertThrows(IllegalArgumentException.class, () -> topics.publish("x".repeat(Topics.MAX_NAME_LENGTH + 1), "m"));
        assertThrows(NullPointerException.class, () -> topics.publish(null, "m"));
    }

    @Test
    void skipPolicyDropsMessagesWhileTheSubscriberIsBehind() {
        server(ServerConfig.builder());
        ServerHarness slow = subscriber(null, null);
        context.topics().subscribe(session(0), "t", SlowConsumerPolicy.skip(1000));
        run(slow);
        slow.transport.stalled = true;
        String big = "x".repeat(800);
        for (int i = 0; i < 5; i++) {
            context.topics().publish("t", big + i);
            run(slow);
        }
        assertEquals(2, slow.frames().size(), "two fit under the 1000-byte backlog; three were skipped");
        assertEquals(3, context.topics().stats("t").skipped());
        assertEquals(3, context.topics().stats(session(0), "t").orElseThrow().skipped());
        context.topics().publish("t", "caught up");
        run(slow);
        assertEquals(List.of("TEXT caught up"), slow.frames());
    }

    @Test
    void keepNewestPolicySendsOnlyTheLatestOnceTheSubscriberCatchesUp() {
        server(ServerConfig.builder());
        ServerHarness slow = subscriber(null, null);
        context.topics().subscribe(session(0), "prices", SlowConsumerPolicy.keepNewest(500));
        run(slow);
        slow.transport.stalled = true;
        context.topics().publish("prices", "p".repeat(600));
        for (int i = 1; i <= 4; i++) {
            context.topics().publish("prices", "price " + i);
        }
        run(slow);
        List<String> first = slow.frames(); // the peer reads again: the backlog drains
        run(slow);
        List<String> then = slow.frames();
        assertEquals(1, first.size());
        assertEquals(List.of("TEXT price 4"), then, "only the newest of what came while it was behind");
        assertEquals(3, context.topics().stats("prices").skipped());
    }

    @Test
    void closePolicyClosesTheSlowSubscriberWith1008AndDropsItsBacklog() {
        server(ServerConfig.builder());
        ServerHarness slow = subscriber(null, null);
        context.topics().policy("t", SlowConsumerPolicy.close(500));
        session(0).subscribe("t");
        run(slow);
        slow.transport.stalled = true;
        context.topics().publish("t", "x".repeat(600));
        context.topics().publish("t", "y");
        run(slow);
        assertEquals(List.of("CLOSE 1008 slow consumer"), slow.frames());
        assertEquals(1, context.topics().stats("t").closedForSlowness());
    }

    @Test
    void withoutContextTakeoverSubscribersShareOneCompressedFrame() throws Exception {
        DeflateSettings lean = DeflateSettings.builder().serverNoContextTakeover(true).build();
        server(ServerConfig.builder().discoverExtensions(false).extensions(new PerMessageDeflateFactory(lean)));
        ServerHarness a = subscriber("t", "permessage-deflate");
        ServerHarness b = subscriber("t", "permessage-deflate");
        String message = "{\"price\": 42.0, \"symbol\": \"ACME\", \"note\": \"" + "compressible ".repeat(20) + "\"}";
        SharedFrame frame = SharedFrame.text(message);
        context.topics().publish("t", message);
        run(a, b);
        byte[] onA = a.transport.take();
        byte[] onB = b.transport.take();
        assertEquals(java.util.HexFormat.of().formatHex(onA), java.util.HexFormat.of().formatHex(onB));
        assertEquals(0xC1, onA[0] & 0xFF, "FIN, RSV1 (compressed), text");
        int length = onA[1] & 0x7F;
        int offset = 2;
        if (length == 126) {
            length = ((onA[2] & 0xFF) << 8) | (onA[3] & 0xFF);
            offset = 4;
        }
        assertTrue(length < message.length() / 2, "compressed: " + length + " bytes");
        byte[] compressed = java.util.Arrays.copyOfRange(onA, offset, offset + length);
        byte[] withTail = java.util.Arrays.copyOf(compressed, compressed.length + 4); // RFC 7692 7.2.2
        withTail[withTail.length - 2] = (byte) 0xff;
        withTail[withTail.length - 1] = (byte) 0xff;
        assertEquals(message, new String(RawDeflate.decode(withTail).output(), StandardCharsets.UTF_8),
                "inflated by an independent decoder");
        assertTrue(frame.size() > 0);
    }

    @Test
    void withContextTakeoverEachSubscriberCompressesForItself() throws Exception {
        server(ServerConfig.builder()); // default settings: context takeover allowed
        ServerHarness a = subscriber("t", "permessage-deflate");
        String message = "compressible ".repeat(30);
        context.topics().publish("t", message);
        context.topics().publish("t", message);
        run(a);
        List<String> frames = a.frames();
        assertEquals(2, frames.size());
        assertFalse(frames.get(0).equals(frames.get(1)), "the second refers back to the first: its own stream");
    }
}
