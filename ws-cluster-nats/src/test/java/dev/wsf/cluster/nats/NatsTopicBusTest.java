package dev.wsf.cluster.nats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
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
import org.junit.jupiter.api.Test;

/**
 * Nodes in one JVM, each its own wsf server with its own bus, against a real nats-server:
 * messages cross nodes once, nodes subscribe only to what they serve (as the server's monitoring
 * endpoint shows), any topic name is one subject token, and what is not an envelope is ignored
 * and counted.
 */
@Tag("interop") // needs a broker; the default build keeps to what needs nothing installed
class NatsTopicBusTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static BrokerProcess nats;
    private static WebSocketClient client;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        nats = BrokerProcess.nats();
        client = WebSocketClient.create();
    }

    @AfterAll
    static void stopBroker() {
        if (client != null) {
            client.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @AfterEach
    void closeNodes() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Node node() {
        Node n = new Node(NatsTopicBus.builder("nats://127.0.0.1:" + nats.port()).build());
        open.add(n);
        return n;
    }

    private NatsInspector inspector() {
        NatsInspector i = new NatsInspector(nats);
        open.add(i);
        return i;
    }

    private static void awaitSubscribers(NatsInspector server, String subject, long n) {
        Eventually.until(WAIT, () -> server.subscribers(subject) == n,
                () -> subject + " has " + server.subscribers(subject) + " subscriber(s) at the server, not " + n + ": "
                        + server.subscriptionsByConnection());
    }

    @Test
    void textAndBinaryFromOneNodeReachTheOthersOnceAndTheirOwnNodeOnce() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();
        NatsInspector server = inspector();
        String topic = "room/1.*";
        Peer sender = Peer.connect(client, a.uri(topic));
        Peer onA = Peer.connect(client, a.uri(topic));
        Peer onB = Peer.connect(client, b.uri(topic));
        Peer onC = Peer.connect(client, c.uri(topic));
        awaitSubscribers(server, "wsf.topic.room%2F1%2E%2A", 3);

        sender.send("héllo");
        byte[] binary = {0, 1, (byte) 0xff, 13, 10};
        sender.session().sendBinaryAndAwait(ByteBuffer.wrap(binary));
        for (Peer p : List.of(sender, onA, onB, onC)) {
            assertEquals("héllo", p.next());
            assertArrayEquals(binary, (byte[]) p.next());
        }
        Thread.sleep(200); // time for a duplicate to show up, if there were one
        for (Peer p : List.of(sender, onA, onB, onC)) {
            assertEquals(List.of(), p.drain(), "each message once");
        }
        assertEquals(new BusStats(2, 2, 0, 0, 0, 0, true), a.bus.stats(), "no echo: A never sees its own");
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), b.bus.stats());
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), c.bus.stats());
    }

    @Test
    void aNodeIsSubscribedAtTheServerToTheTopicsItServesOnly() throws Exception {
        Node a = node();
        Node b = node();
        NatsInspector server = inspector();
        Peer x1 = Peer.connect(client, a.uri("x"));
        Peer x2 = Peer.connect(client, a.uri("x"));
        Peer y = Peer.connect(client, b.uri("y"));
        awaitSubscribers(server, "wsf.topic.x", 1);
        awaitSubscribers(server, "wsf.topic.y", 1);
        assertEquals(List.of("wsf.topic.x", "wsf.topic.y"), server.subjects(), "one subscription per node and topic");

        b.server.topics().publish("x", "to A only");
        assertEquals("to A only", x1.next());
        assertEquals("to A only", x2.next());
        a.server.topics().publish("nobody-subscribes", "to nobody");
        Thread.sleep(200);
        assertEquals(0, b.bus.stats().received(), "B does not serve x nor nobody-subscribes");

        x1.session().closeAndAwait(CloseReason.NORMAL);
        Thread.sleep(100);
        assertEquals(1, server.subscribers("wsf.topic.x"), "A still has a subscriber to x");
        x2.session().closeAndAwait(CloseReason.NORMAL);
        awaitSubscribers(server, "wsf.topic.x", 0);
        assertEquals(List.of("wsf.topic.y"), server.subjects());
        b.server.topics().publish("x", "after A left");
        Thread.sleep(200);
        assertEquals(1, a.bus.stats().received(), "A no longer receives x");
        y.session().closeAndAwait(CloseReason.NORMAL);
        awaitSubscribers(server, "wsf.topic.y", 0);
        assertEquals(List.of(), server.subjects());
    }

    @Test
    void topicNamesThatLookLikeWildcardsOrSeveralTokensAreTopicsOfTheirOwn() throws Exception {
        Node a = node();
        Node b = node();
        NatsInspector server = inspector();
        List<String> names = List.of("a", "a.b", "*", ">", "a.>", "%41", "café", "two words", "wsf.topic.a");
        List<Peer> peers = new ArrayList<>();
        for (String name : names) {
            peers.add(Peer.connect(client, a.uri(name)));
        }
        Eventually.until(WAIT, () -> server.subjects().size() == names.size(), () -> server.subjects().toString());
        assertEquals(List.of("wsf.topic.%2541", "wsf.topic.%2A", "wsf.topic.%3E", "wsf.topic.a",
                        "wsf.topic.a%2E%3E", "wsf.topic.a%2Eb", "wsf.topic.caf%C3%A9", "wsf.topic.two%20words",
                        "wsf.topic.wsf%2Etopic%2Ea"),
                server.subjects());
        for (String name : names) {
            b.server.topics().publish(name, "for " + name);
        }
        for (int i = 0; i < names.size(); i++) {
            assertEquals("for " + names.get(i), peers.get(i).next());
        }
        Thread.sleep(200);
        for (Peer p : peers) {
            assertEquals(List.of(), p.drain(), "no topic hears another's messages");
        }
    }

    @Test
    void whatIsNotAnEnvelopeForTheSubjectsTopicIsIgnoredCountedAndLoggedOnce() throws Exception {
        try (LogCapture log = LogCapture.of(NatsTopicBus.class)) {
            Node b = node();
            NatsInspector server = inspector();
            Peer onB = Peer.connect(client, b.uri("room"));
            awaitSubscribers(server, "wsf.topic.room", 1);

            byte[] otherVersion = TopicEnvelope.encode(message("room", "v2"));
            otherVersion[3] = 2;
            byte[] truncated = java.util.Arrays.copyOf(TopicEnvelope.encode(message("room", "x")), 8);
            byte[] invalidUtf8 = TopicEnvelope.encode(new TopicMessage("room", false, new byte[] {'a', (byte) 0xC3}, "node-x"));
            byte[] otherTopic = TopicEnvelope.encode(message("elsewhere", "sneaking in"));
            for (byte[] bad : List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[0], otherVersion, truncated,
                    invalidUtf8, otherTopic)) {
                server.publish("wsf.topic.room", bad);
            }
            server.publish("wsf.topic.room", TopicEnvelope.encode(message("room", "fine")));

            assertEquals("fine", onB.next(), "only the envelope for this topic reaches subscribers");
            Eventually.until(WAIT, () -> b.bus.stats().malformed() == 6, () -> "B: " + b.bus.stats());
            assertEquals(1, b.bus.stats().received());
            assertEquals(List.of(), onB.drain());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), "logged the first time only: " + warnings);
            assertTrue(warnings.get(0).startsWith("ignored a payload on subject wsf.topic.room"), warnings.get(0));
        }
    }

    private static TopicMessage message(String topic, String payload) {
        return new TopicMessage(topic, false, payload.getBytes(StandardCharsets.UTF_8), "node-x");
    }
}
