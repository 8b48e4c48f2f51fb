package dev.wsf.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.LogCapture;
import dev.wsf.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bus whose Redis is not there: a loopback port with nothing listening (a real refused
 * connection, no mock). As documented: start returns at once and the bus keeps trying in the
 * background, warning once; what is published meanwhile is dropped and counted, or waits up to
 * maxPending with bufferWhileDisconnected; close ends it promptly and drops what waited.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a call that blocks fails, not hangs
class RedisUnreachableTest {
    /** Far above what these calls take, far below Lettuce's own timeouts (60 s): a call that waits for Redis exceeds it. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private final List<TopicMessage> received = new CopyOnWriteArrayList<>();
    private final LogCapture log = LogCapture.of(RedisTopicBus.class);
    private RedisTopicBus bus;
    /** A port that was free a moment ago: nothing listens there, so every attempt is refused. */
    private final int port = BrokerProcess.freePort();

    @AfterEach
    void tearDown() {
        if (bus != null) {
            bus.close();
        }
        log.close();
    }

    private RedisTopicBus.Builder unreachable() {
        return RedisTopicBus.builder("redis://127.0.0.1:" + port)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    /**
     * What this test's bus logged at {@code atLeast} or above: the lines that name its port. The
     * logger is shared, and a bus of an earlier test may still be ending an attempt.
     */
    private List<String> logged(Level atLeast) {
        return log.messages(atLeast).stream().filter(l -> l.contains("127.0.0.1:" + port)).toList();
    }

    private static TopicMessage message(int i) {
        return new TopicMessage("t", false, ("m" + i).getBytes(StandardCharsets.UTF_8), "a");
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void startReturnsAtOncePublishesAreDroppedAndCountedAndTheBusKeepsTrying() {
        bus = unreachable().build();
        long t0 = System.nanoTime();
        bus.start("a", received::add);
        bus.subscribe("t"); // remembered for when it connects; nothing to send now
        for (int i = 0; i < 10; i++) {
            bus.publish(message(i));
        }
        bus.unsubscribe("t");
        long took = millisSince(t0);
        assertTrue(took < PROMPT.toMillis(), "start, subscribe, 10 publishes and unsubscribe took " + took + " ms");
        assertEquals(new BusStats(10, 0, 10, 0, 0, 0, false), bus.stats(), "not connected: every publish dropped");

        // It keeps trying (the delays are 20-100 ms): one warning, the later attempts at debug level.
        Eventually.until(Duration.ofSeconds(20), () -> logged(Level.FINE).size() >= 4,
                () -> "attempts logged: " + logged(Level.FINE));
        List<String> warnings = logged(Level.WARNING);
        assertEquals(2, warnings.size(), () -> "one for the unreachable broker, one for the drops: " + warnings);
        assertEquals(1, warnings.stream().filter(w -> w.startsWith("cannot reach Redis at 127.0.0.1:")).count(),
                () -> "one warning for the unreachable broker, not one per attempt: " + warnings);
        assertEquals(1, warnings.stream().filter(w -> w.startsWith("not delivering messages to the other nodes")).count(),
                () -> "one warning for the drops, not one per message: " + warnings);
        assertEquals(false, bus.stats().connected());
        assertEquals(List.of(), received);

        long c0 = System.nanoTime();
        bus.close();
        long closing = millisSince(c0);
        assertTrue(closing < PROMPT.toMillis(), "close took " + closing + " ms");
        int attempts = logged(Level.FINE).size();
        bus.publish(message(10)); // after close: counted, never thrown
        assertEquals(new BusStats(11, 0, 11, 0, 0, 0, false), bus.stats());
        bus.close(); // again: nothing
        sleepQuietly(300);
        assertEquals(attempts, logged(Level.FINE).size(), "no attempt after close");
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
        assertEquals(new BusStats(8, 0, 3, 0, 0, 0, false), bus.stats(), "5 wait for the broker, 3 are dropped");

        sleepQuietly(200); // several failed attempts: what waits keeps waiting
        assertEquals(new BusStats(8, 0, 3, 0, 0, 0, false), bus.stats());

        long c0 = System.nanoTime();
        bus.close();
        long closing = millisSince(c0);
        assertTrue(closing < PROMPT.toMillis(), "close took " + closing + " ms");
        assertEquals(new BusStats(8, 0, 8, 0, 0, 0, false), bus.stats(), "published = sent + dropped once closed");
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
}
