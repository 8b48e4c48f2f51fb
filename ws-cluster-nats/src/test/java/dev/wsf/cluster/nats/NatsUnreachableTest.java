package dev.wsf.cluster.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.LogCapture;
import dev.wsf.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bus whose NATS server is not there: a loopback port with nothing listening (a real refused
 * connection, no mock). As documented: start returns at once and the bus keeps trying in the
 * background, warning once; what is published meanwhile is dropped and counted, or waits up to
 * maxPending with bufferWhileDisconnected; close ends it promptly and drops what waited.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a call that blocks fails, not hangs
class NatsUnreachableTest {
    /** Far above what these calls take: a call that waited for the server would exceed it. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private final List<TopicMessage> received = new CopyOnWriteArrayList<>();
    private final LogCapture log = LogCapture.of(NatsTopicBus.class);
    private NatsTopicBus bus;
    /** A port that was free a moment ago: nothing listens there, so every attempt is refused. */
    private final int port = BrokerProcess.freePort();

    @AfterEach
    void tearDown() {
        if (bus != null) {
            bus.close();
        }
        log.close();
    }

    private NatsTopicBus.Builder unreachable() {
        return NatsTopicBus.builder("nats://127.0.0.1:" + port)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private static TopicMessage message(int i) {
        return new TopicMessage("t", false, ("m" + i).getBytes(StandardCharsets.UTF_8), "a");
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * What this test's bus logged at {@code atLeast} or above: the lines that name its port. The
     * logger is shared, and a bus of an earlier test may still be ending an attempt.
     */
    private List<String> logged(Level atLeast) {
        return log.messagesAtLeast(atLeast).stream().filter(l -> l.contains("127.0.0.1:" + port)).toList();
    }

    @Test
    void credentialsInTheUrlNeverReachTheLog() {
        bus = NatsTopicBus.builder("nats://alice:s3cret@127.0.0.1:" + port + ",nats://t0ken@127.0.0.1:" + port)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100)).build();
        bus.start("a", received::add);
        bus.publish(message(0));
        // the failed attempt's line quotes jnats' message, which quotes the URL as given
        Eventually.until(Duration.ofSeconds(20), () -> attempts() >= 2, () -> "no attempt logged: " + logged(Level.DEBUG));
        List<String> lines = logged(Level.DEBUG);
        assertTrue(lines.stream().anyMatch(l -> l.contains("nats://127.0.0.1:" + port)), () -> "names the server: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("s3cret") || l.contains("alice") || l.contains("t0ken")),
                () -> "credentials logged: " + lines);
    }

    @Test
    void startReturnsAtOncePublishesAreDroppedAndCountedAndTheBusKeepsTrying() {
        bus = unreachable().build();
        long t0 = System.nanoTime();
        bus.start("a", received::add);
        bus.subscribe("t");
        for (int i = 0; i < 10; i++) {
            bus.publish(message(i));
        }
        bus.unsubscribe("t");
        long took = millisSince(t0);
        assertTrue(took < PROMPT.toMillis(), "start, subscribe, 10 publishes and unsubscribe took " + took + " ms");
        assertEquals(new BusStats(10, 0, 10, 0, 0, 0, false), bus.stats(), "not connected: every publish dropped");

        Eventually.until(Duration.ofSeconds(20), () -> attempts() >= 4, () -> "attempts logged: " + logged(Level.DEBUG));
        List<String> warnings = logged(Level.WARNING);
        assertEquals(1, warnings.stream().filter(w -> w.startsWith("cannot reach NATS at nats://127.0.0.1:")).count(),
                () -> "one warning for the unreachable server, not one per attempt: " + warnings);
        assertEquals(false, bus.stats().connected());
        assertEquals(List.of(), received);

        long c0 = System.nanoTime();
        bus.close();
        long closing = millisSince(c0);
        assertTrue(closing < PROMPT.toMillis(), "close took " + closing + " ms");
        long attempts = attempts();
        bus.publish(message(10)); // after close: counted, never thrown
        assertEquals(new BusStats(11, 0, 11, 0, 0, 0, false), bus.stats());
        sleepQuietly(300);
        assertEquals(attempts, attempts(), () -> "no attempt after close: " + logged(Level.DEBUG));
    }

    private long attempts() {
        return logged(Level.DEBUG).stream().filter(l -> l.startsWith("cannot reach NATS")).count();
    }

    @Test
    void closeRightAfterStartIsPromptToo() {
        bus = unreachable().build();
        bus.start("a", received::add);
        long c0 = System.nanoTime();
        bus.close();
        long closing = millisSince(c0);
        assertTrue(closing < PROMPT.toMillis(), "close took " + closing + " ms");
        assertEquals(new BusStats(0, 0, 0, 0, 0, 0, false), bus.stats());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void withBufferingMaxPendingWaitAndTheRestIsDroppedThenCloseDropsWhatWaited() {
        bus = unreachable().maxPending(5).bufferWhileDisconnected(true).build();
        bus.start("a", received::add);
        long t0 = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            bus.publish(message(i));
        }
        long took = millisSince(t0);
        assertTrue(took < PROMPT.toMillis(), "8 publishes took " + took + " ms");
        assertEquals(new BusStats(8, 0, 3, 0, 0, 0, false), bus.stats(), "5 wait for the server, 3 are dropped");

        long c0 = System.nanoTime();
        bus.close();
        long closing = millisSince(c0);
        assertTrue(closing < PROMPT.toMillis(), "close took " + closing + " ms");
        assertEquals(new BusStats(8, 0, 8, 0, 0, 0, false), bus.stats(), "published = sent + dropped once closed");
    }
}
