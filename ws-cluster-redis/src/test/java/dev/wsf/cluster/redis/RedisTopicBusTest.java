package dev.wsf.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.LogCapture;
import dev.wsf.cluster.testkit.Node;
import dev.wsf.cluster.testkit.Peer;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nodes in one JVM, each its own wsf server with its own bus, against a real redis-server:
 * messages cross nodes once, nodes subscribe at the broker only to what they serve, and what is
 * not an envelope is ignored and counted. Every test runs with PUBLISH/SUBSCRIBE and with sharded
 * pub/sub (SPUBLISH/SSUBSCRIBE).
 */
@Tag("interop") // needs a broker; the default build keeps to what needs nothing installed
class RedisTopicBusTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static BrokerProcess redis;
    private static WebSocketClient client;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        redis = BrokerProcess.redis();
        client = WebSocketClient.create();
    }

    @AfterAll
    static void stopBroker() {
        if (client != null) {
            client.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeNodes() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Node node(boolean sharded) {
        Node n = new Node(RedisTopicBus.builder("redis://127.0.0.1:" + redis.port()).sharded(sharded).build());
        open.add(n);
        return n;
    }

    private RedisInspector inspector(boolean sharded) {
        RedisInspector i = new RedisInspector(redis.port(), sharded);
        open.add(i);
        return i;
    }

    private static void awaitSubscribers(RedisInspector broker, String channel, long n) {
        Eventually.until(WAIT, () -> broker.subscribers(channel) == n,
                () -> channel + " has " + broker.subscribers(channel) + " subscriber(s) at the broker, not " + n);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void textAndBinaryFromOneNodeReachTheOthersOnceAndTheirOwnNodeOnce(boolean sharded) throws Exception {
        Node a = node(sharded);
        Node b = node(sharded);
        Node c = node(sharded);
        RedisInspector broker = inspector(sharded);
        Peer sender = Peer.connect(client, a.uri("room"));
        Peer onA = Peer.connect(client, a.uri("room"));
        Peer onB = Peer.connect(client, b.uri("room"));
        Peer onC = Peer.connect(client, c.uri("room"));
        awaitSubscribers(broker, "wsf:topic:room", 3);

        sender.send("héllo");
        byte[] binary = {0, 1, (byte) 0xff, 13, 10};
        sender.session().sendBinaryAndAwait(ByteBuffer.wrap(binary));
        for (Peer p : List.of(sender, onA, onB, onC)) {
            assertEquals("héllo", p.next());
            assertArrayEquals(binary, (byte[]) p.next());
        }
        Eventually.until(WAIT, () -> a.bus.stats().sent() == 2, () -> "A: " + a.bus.stats());
        Thread.sleep(200); // time for a duplicate to show up, if there were one
        for (Peer p : List.of(sender, onA, onB, onC)) {
            assertEquals(List.of(), p.drain(), "each message once");
        }
        assertEquals(new BusStats(2, 2, 0, 0, 0, 0, true), a.bus.stats(), "A hears its own messages back and drops them");
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), b.bus.stats());
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), c.bus.stats());
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void aNodeIsSubscribedAtTheBrokerToTheTopicsItServesOnly(boolean sharded) throws Exception {
        Node a = node(sharded);
        Node b = node(sharded);
        RedisInspector broker = inspector(sharded);
        Peer x1 = Peer.connect(client, a.uri("x"));
        Peer x2 = Peer.connect(client, a.uri("x"));
        Peer y = Peer.connect(client, b.uri("y"));
        awaitSubscribers(broker, "wsf:topic:x", 1);
        awaitSubscribers(broker, "wsf:topic:y", 1);
        assertEquals(List.of("wsf:topic:x", "wsf:topic:y"), broker.channels(), "one subscription per node and topic");

        b.server.topics().publish("x", "to A only");
        assertEquals("to A only", x1.next());
        assertEquals("to A only", x2.next());
        a.server.topics().publish("nobody-subscribes", "to nobody");
        Eventually.until(WAIT, () -> a.bus.stats().sent() == 1, () -> "A: " + a.bus.stats());
        assertEquals(0, b.bus.stats().received(), "B does not serve x nor nobody-subscribes");

        x1.session().closeAndAwait(dev.wsf.api.CloseReason.NORMAL);
        Thread.sleep(100);
        assertEquals(1, broker.subscribers("wsf:topic:x"), "A still has a subscriber to x");
        x2.session().closeAndAwait(dev.wsf.api.CloseReason.NORMAL);
        awaitSubscribers(broker, "wsf:topic:x", 0);
        assertEquals(List.of("wsf:topic:y"), broker.channels());
        b.server.topics().publish("x", "after A left");
        Eventually.until(WAIT, () -> b.bus.stats().sent() == 2, () -> "B: " + b.bus.stats());
        Thread.sleep(100);
        assertEquals(1, a.bus.stats().received(), "A no longer receives x");
        y.session().closeAndAwait(dev.wsf.api.CloseReason.NORMAL);
        awaitSubscribers(broker, "wsf:topic:y", 0);
        assertEquals(List.of(), broker.channels());
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void whatIsNotAnEnvelopeForTheChannelsTopicIsIgnoredCountedAndLoggedOnce(boolean sharded) throws Exception {
        try (LogCapture log = LogCapture.of(RedisTopicBus.class)) {
            Node b = node(sharded);
            RedisInspector broker = inspector(sharded);
            Peer onB = Peer.connect(client, b.uri("room"));
            awaitSubscribers(broker, "wsf:topic:room", 1);

            byte[] otherVersion = TopicEnvelope.encode(message("room", false, "v2", "node-x"));
            otherVersion[3] = 2;
            byte[] truncated = java.util.Arrays.copyOf(TopicEnvelope.encode(message("room", false, "x", "node-x")), 8);
            byte[] invalidUtf8 = TopicEnvelope.encode(new TopicMessage("room", false, new byte[] {'a', (byte) 0xC3}, "node-x"));
            byte[] otherTopic = TopicEnvelope.encode(message("elsewhere", false, "sneaking in", "node-x"));
            for (byte[] bad : List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[0], otherVersion, truncated,
                    invalidUtf8, otherTopic)) {
                assertEquals(1, broker.publish("wsf:topic:room", bad));
            }
            broker.publish("wsf:topic:room", TopicEnvelope.encode(message("room", false, "fine", "node-x")));

            assertEquals("fine", onB.next(), "only the envelope for this topic reaches subscribers");
            Eventually.until(WAIT, () -> b.bus.stats().malformed() == 6, () -> "B: " + b.bus.stats());
            assertEquals(1, b.bus.stats().received());
            assertEquals(List.of(), onB.drain());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), "logged the first time only: " + warnings);
            assertTrue(warnings.get(0).startsWith("ignored a payload on channel wsf:topic:room"), warnings.get(0));
        }
    }

    private static TopicMessage message(String topic, boolean binary, String payload, String origin) {
        return new TopicMessage(topic, binary, payload.getBytes(StandardCharsets.UTF_8), origin);
    }
}
