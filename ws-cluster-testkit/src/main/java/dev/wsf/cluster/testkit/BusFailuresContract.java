package dev.wsf.cluster.testkit;

import static dev.wsf.cluster.testkit.Peer.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.cluster.BusBuilder;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a node does when the broker is not there or goes away, the same for every bus: local
 * subscribers never notice, the node reconnects and subscribes again by itself, and every
 * message it published is counted as sent or dropped. Against a real broker that the test
 * starts, kills (SIGKILL) and restarts on the same port. A bus's test class extends this and
 * adds what is its own (a broker that stops answering, which each client meets differently).
 */
@Tag("interop")
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a publish that blocks fails, not hangs
public abstract class BusFailuresContract {
    protected static final Duration WAIT = Duration.ofSeconds(15);
    private final List<AutoCloseable> open = new ArrayList<>();
    /** Not started: each test starts it when it wants it. */
    protected BrokerProcess broker;
    protected WebSocketClient client;
    /** What the bus logs. */
    protected LogCapture log;

    /** The broker, with its port chosen, not started. */
    protected abstract BrokerProcess brokerNotStarted();

    /** The class whose logger the bus logs to. */
    protected abstract Class<? extends TopicBus> busType();

    /** A builder of a bus on {@link #broker}. */
    protected abstract BusBuilder<?> bus();

    /** How many nodes the broker itself says are subscribed to {@code topic}. */
    protected abstract long subscribersAtBroker(String topic);

    /** How the bus's first warning starts when the broker is not there at start. */
    protected abstract String unreachableWarning();

    @BeforeEach
    void startClient() {
        broker = brokerNotStarted();
        client = WebSocketClient.create();
        log = LogCapture.of(busType());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        client.close();
        broker.close();
        log.close();
    }

    /** A node on a bus from {@code bus}, which retries quickly; closed after the test. */
    protected Node node(BusBuilder<?> bus) {
        Node n = new Node(bus.reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build());
        open.add(n);
        return n;
    }

    protected void awaitSubscribers(String topic, long n) {
        Eventually.until(WAIT, () -> subscribersAtBroker(topic) == n,
                () -> topic + " has " + subscribersAtBroker(topic) + " subscriber(s) at the broker, not " + n);
    }

    protected static void await(Node n, Predicate<BusStats> condition, String what) {
        Eventually.until(WAIT, () -> condition.test(n.bus.stats()), () -> what + ": " + n.bus.stats());
    }

    @Test
    void aNodeStartsWithoutTheBrokerServesLocallyBuffersABoundedAmountAndConnectsWhenItComes() throws Exception {
        Node a = node(bus().maxPending(5).bufferWhileDisconnected(true));
        Peer sender = Peer.connect(client, a.uri("t"));
        Peer local = Peer.connect(client, a.uri("t"));
        for (int i = 0; i < 8; i++) {
            sender.send("m" + i);
        }
        assertEquals(texts("m", 0, 8), local.next(8), "local delivery without a broker");
        assertEquals(new BusStats(8, 0, 3, 0, 0, 0, false), a.bus.stats(), "5 wait for the broker, 3 are dropped");
        Thread.sleep(300); // a few attempts
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(2, warnings.size(), "one for the unreachable broker, one for the drops: " + warnings);
        assertTrue(warnings.get(0).startsWith(unreachableWarning()), warnings.get(0));
        assertTrue(log.messages(Level.FINE).size() > warnings.size(), "later attempts are logged at debug level");

        broker.start();
        await(a, s -> s.connected() && s.sent() == 5, "connected, the 5 waiting messages sent");
        awaitSubscribers("t", 1);
        Node b = node(bus());
        Peer remote = Peer.connect(client, b.uri("t"));
        awaitSubscribers("t", 2);
        sender.send("after");
        assertEquals("after", remote.next());
        await(a, s -> s.sent() == 6, "sent");
        assertEquals(new BusStats(9, 6, 3, 0, 0, 0, true), a.bus.stats(), "the first connection is no reconnection");
    }

    @Test
    void aBrokerKilledAndRestartedCostsExactlyTheMessagesPublishedWhileItWasDown() throws Exception {
        TwoNodes two = twoNodesOnTopicT();
        Node a = two.a();
        Node b = two.b();
        Peer sender = two.sender();
        Peer local = two.local();
        Peer remote = two.remote();

        for (int i = 0; i < 50; i++) {
            sender.send("m" + i);
        }
        assertEquals(texts("m", 0, 50), remote.next(50));
        assertEquals(texts("m", 0, 50), local.next(50));
        await(a, s -> s.sent() == 50, "all acknowledged");

        broker.kill();
        await(a, s -> !s.connected(), "A sees the broker gone");
        await(b, s -> !s.connected(), "B sees the broker gone");
        for (int i = 50; i < 80; i++) {
            sender.send("m" + i);
        }
        assertEquals(texts("m", 50, 80), local.next(30), "local delivery goes on");
        assertEquals(new BusStats(80, 50, 30, 0, 0, 0, false), a.bus.stats(), "published while down: dropped");

        broker.start();
        await(a, s -> s.connected() && s.reconnects() == 1, "A reconnected");
        await(b, s -> s.connected() && s.reconnects() == 1, "B reconnected");
        awaitSubscribers("t", 2);
        for (int i = 80; i < 120; i++) {
            sender.send("m" + i);
        }
        assertEquals(texts("m", 80, 120), remote.next(40), "B resubscribed by itself; m50..m79 never came");
        assertEquals(texts("m", 80, 120), local.next(40));
        await(a, s -> s.sent() == 90, "sent");
        Thread.sleep(200);
        assertEquals(List.of(), remote.drain());
        assertEquals(new BusStats(120, 90, 30, 0, 0, 1, true), a.bus.stats());
        assertEquals(new BusStats(0, 0, 0, 90, 0, 1, true), b.bus.stats());
    }

    @Test
    void underSteadyTrafficARestartLosesOnlyWhatIsCountedAndNothingArrivesTwice() throws Exception {
        TwoNodes two = twoNodesOnTopicT();
        Node a = two.a();
        Node b = two.b();
        Peer sender = two.sender();
        Peer local = two.local();
        Peer remote = two.remote();

        int[] count = {0};
        Runnable sendSome = () -> {
            for (int i = 0; i < 100; i++) {
                sender.send(Integer.toString(count[0]++));
                sleep(2);
            }
        };
        sendSome.run();
        broker.kill();
        sendSome.run();
        broker.start();
        await(a, s -> s.connected(), "A reconnected");
        await(b, s -> s.connected(), "B reconnected");
        awaitSubscribers("t", 2);
        sendSome.run();
        int n = count[0];

        assertEquals(texts("", 0, n), local.next(n), "local delivery never stopped");
        await(a, s -> s.sent() + s.dropped() == n, "every message sent or dropped");
        Thread.sleep(300);
        List<Object> got = remote.drain();
        int last = -1;
        for (Object m : got) {
            int i = Integer.parseInt((String) m);
            assertTrue(i > last, "in order and never twice: " + got);
            last = i;
        }
        BusStats sa = a.bus.stats();
        BusStats sb = b.bus.stats();
        assertEquals(got.size(), sb.received(), "B counts what it delivered");
        assertEquals(texts("", 200, n), got.subList(got.size() - 100, got.size()), "all after B resubscribed");
        assertTrue(got.size() <= sa.sent(), "B got no more than A sent: " + got.size() + " " + sa);
        assertTrue(sa.dropped() > 0, "messages published while the broker was down count as dropped: " + sa);
        assertEquals(1, sa.reconnects(), "one reconnection: " + sa);
        System.out.printf("restart under traffic: published %d, sent %d, dropped %d; the remote node delivered %d%n",
                sa.published(), sa.sent(), sa.dropped(), got.size());
    }

    /** Node A with a sender and a local subscriber, node B with a remote one, all on topic t. */
    private record TwoNodes(Node a, Node b, Peer sender, Peer local, Peer remote) {
    }

    /** The broker started, and {@link TwoNodes} subscribed at it. */
    private TwoNodes twoNodesOnTopicT() {
        broker.start();
        Node a = node(bus());
        Node b = node(bus());
        TwoNodes two = new TwoNodes(a, b, Peer.connect(client, a.uri("t")), Peer.connect(client, a.uri("t")),
                Peer.connect(client, b.uri("t")));
        awaitSubscribers("t", 2);
        return two;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
