package dev.wsf.cluster.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every bus does against its real broker, with nodes in one JVM (each its own wsf server and
 * bus): messages cross nodes once, text and binary alike; a node is subscribed at the broker to
 * the topics it serves and no others (as the broker itself says); what arrives on a topic's
 * channel and is not an envelope for that topic is ignored, counted and logged once. A bus's
 * test class extends this with its broker.
 */
@Tag("interop") // needs a broker; the default build keeps to what needs nothing installed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BusDeliveryContract {
    protected static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> open = new ArrayList<>();
    /** Started once for the class. */
    protected BrokerProcess broker;
    protected WebSocketClient client;

    /** The broker, running. */
    protected abstract BrokerProcess startBroker();

    /** The class whose logger the bus logs to. */
    protected abstract Class<? extends TopicBus> busType();

    /** A new bus on {@link #broker}. */
    protected abstract TopicBus bus();

    /** The name of a topic's channel (or subject) at the broker. */
    protected abstract String channel(String topic);

    /** How many nodes the broker itself says are subscribed to {@code channel}. */
    protected abstract long subscribersAtBroker(String channel);

    /** Every channel with a subscriber, as the broker says, sorted. */
    protected abstract List<String> channelsAtBroker();

    /** Publishes raw bytes on a channel, as something other than a wsf node would. */
    protected abstract void publishRaw(String channel, byte[] payload) throws Exception;

    /** What the log names a channel by: "channel" or "subject". */
    protected abstract String channelWord();

    @BeforeAll
    void startBrokerAndClient() {
        broker = startBroker();
        client = WebSocketClient.create();
    }

    @AfterAll
    void stopBrokerAndClient() {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeNodes() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    protected Node node() {
        Node n = new Node(bus());
        open.add(n);
        return n;
    }

    protected void awaitSubscribers(String topic, long n) {
        String channel = channel(topic);
        Eventually.until(WAIT, () -> subscribersAtBroker(channel) == n,
                () -> channel + " has " + subscribersAtBroker(channel) + " subscriber(s) at the broker, not " + n);
    }

    @Test
    void textAndBinaryFromOneNodeReachTheOthersOnceAndTheirOwnNodeOnce() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();
        String topic = "room/1.*"; // a separator and a wildcard in NATS, nothing special in Redis
        Peer sender = Peer.connect(client, a.uri(topic));
        Peer onA = Peer.connect(client, a.uri(topic));
        Peer onB = Peer.connect(client, b.uri(topic));
        Peer onC = Peer.connect(client, c.uri(topic));
        awaitSubscribers(topic, 3);

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
        assertEquals(new BusStats(2, 2, 0, 0, 0, 0, true), a.bus.stats(), "A never delivers its own again");
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), b.bus.stats());
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), c.bus.stats());
    }

    @Test
    void aNodeIsSubscribedAtTheBrokerToTheTopicsItServesOnly() throws Exception {
        Node a = node();
        Node b = node();
        Peer x1 = Peer.connect(client, a.uri("x"));
        Peer x2 = Peer.connect(client, a.uri("x"));
        Peer y = Peer.connect(client, b.uri("y"));
        awaitSubscribers("x", 1);
        awaitSubscribers("y", 1);
        assertEquals(List.of(channel("x"), channel("y")), channelsAtBroker(), "one subscription per node and topic");

        b.server.topics().publish("x", "to A only");
        assertEquals("to A only", x1.next());
        assertEquals("to A only", x2.next());
        a.server.topics().publish("nobody-subscribes", "to nobody");
        Eventually.until(WAIT, () -> a.bus.stats().sent() == 1, () -> "A: " + a.bus.stats());
        Thread.sleep(100);
        assertEquals(0, b.bus.stats().received(), "B does not serve x nor nobody-subscribes");

        x1.session().closeAndAwait(CloseReason.NORMAL);
        Thread.sleep(100);
        assertEquals(1, subscribersAtBroker(channel("x")), "A still has a subscriber to x");
        x2.session().closeAndAwait(CloseReason.NORMAL);
        awaitSubscribers("x", 0);
        assertEquals(List.of(channel("y")), channelsAtBroker());
        b.server.topics().publish("x", "after A left");
        Eventually.until(WAIT, () -> b.bus.stats().sent() == 2, () -> "B: " + b.bus.stats());
        Thread.sleep(100);
        assertEquals(1, a.bus.stats().received(), "A no longer receives x");
        y.session().closeAndAwait(CloseReason.NORMAL);
        awaitSubscribers("y", 0);
        assertEquals(List.of(), channelsAtBroker());
    }

    @Test
    void whatIsNotAnEnvelopeForTheChannelsTopicIsIgnoredCountedAndLoggedOnce() throws Exception {
        try (LogCapture log = LogCapture.of(busType())) {
            Node b = node();
            Peer onB = Peer.connect(client, b.uri("room"));
            awaitSubscribers("room", 1);

            byte[] otherVersion = TopicEnvelope.encode(message("room", "v2"));
            otherVersion[3] = 2;
            byte[] truncated = Arrays.copyOf(TopicEnvelope.encode(message("room", "x")), 8);
            byte[] invalidUtf8 = TopicEnvelope.encode(new TopicMessage("room", false, new byte[] {'a', (byte) 0xC3},
                    "node-x"));
            byte[] otherTopic = TopicEnvelope.encode(message("elsewhere", "sneaking in"));
            for (byte[] bad : List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[0], otherVersion, truncated,
                    invalidUtf8, otherTopic)) {
                publishRaw(channel("room"), bad);
            }
            publishRaw(channel("room"), TopicEnvelope.encode(message("room", "fine")));

            assertEquals("fine", onB.next(), "only the envelope for this topic reaches subscribers");
            Eventually.until(WAIT, () -> b.bus.stats().malformed() == 6, () -> "B: " + b.bus.stats());
            assertEquals(1, b.bus.stats().received());
            assertEquals(List.of(), onB.drain());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), "logged the first time only: " + warnings);
            assertTrue(warnings.get(0).startsWith("ignored a payload on " + channelWord() + " " + channel("room")),
                    warnings.get(0));
        }
    }

    private static TopicMessage message(String topic, String payload) {
        return new TopicMessage(topic, false, payload.getBytes(StandardCharsets.UTF_8), "node-x");
    }
}
