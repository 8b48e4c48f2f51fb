package dev.wsf.cluster.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.BusBuilder;
import dev.wsf.testkit.Eventually;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bus whose broker is not there: a loopback port with nothing listening (a real refused
 * connection, no mock), the same for every bus. As documented: start returns at once and the bus
 * keeps trying in the background, warning once; what is published meanwhile is dropped and
 * counted, or waits up to maxPending with bufferWhileDisconnected; close ends it promptly, drops
 * what waited, and no attempt follows it. Needs no broker installed. A bus's test class extends
 * this and adds what is its own.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a call that blocks fails, not hangs
public abstract class BusUnreachableContract {
    /**
     * Far above what these calls take, far below the clients' own timeouts (Lettuce's are 60 s): a
     * call that waited for the broker would exceed it.
     */
    protected static final Duration PROMPT = Duration.ofSeconds(5);
    /** What the bus delivered to this node: nothing ever comes from a broker that is not there. */
    protected final List<TopicMessage> received = new CopyOnWriteArrayList<>();
    /** A port that was free a moment ago: nothing listens there, so every attempt is refused. */
    protected final int port = BrokerProcess.freePort();
    /** The bus under test, closed after it. */
    protected TopicBus bus;
    private LogCapture log;

    /** The class whose logger the bus logs to. */
    protected abstract Class<? extends TopicBus> busType();

    /** A builder of a bus whose broker would be on loopback at {@link #port}. */
    protected abstract BusBuilder<?> busAtPort();

    /**
     * How the bus's line for a failed attempt starts, up to the attempt's number: "cannot reach"
     * and the broker at {@link #port}, as the bus names it.
     */
    protected abstract String cannotReach();

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(busType());
    }

    @AfterEach
    void closeBusAndCapture() {
        if (bus != null) {
            bus.close();
        }
        log.close();
    }

    /** {@code builder}, trying again every 20 to 100 ms, so that a test sees several attempts. */
    protected static BusBuilder<?> retryingQuickly(BusBuilder<?> builder) {
        return builder.reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    /** A builder of a bus whose broker is not there, retrying quickly. */
    protected BusBuilder<?> unreachable() {
        return retryingQuickly(busAtPort());
    }

    /**
     * What this test's bus logged at {@code atLeast} or above: the lines that name its port. The
     * logger is shared, and a bus of an earlier test may still be ending an attempt.
     */
    protected List<String> logged(Level atLeast) {
        return log.messagesAtLeast(atLeast).stream().filter(l -> l.contains("127.0.0.1:" + port)).toList();
    }

    /** How many failed attempts this test's bus logged, the first (a warning) included. */
    private long attempts() {
        return logged(Level.DEBUG).stream().filter(l -> l.startsWith(cannotReach() + " (attempt ")).count();
    }

    /** A small text message on topic t, from node a. */
    protected static TopicMessage message(int i) {
        return new TopicMessage("t", false, ("m" + i).getBytes(StandardCharsets.UTF_8), "a");
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
        Eventually.until(Duration.ofSeconds(20), () -> attempts() >= 4, () -> "attempts logged: " + logged(Level.DEBUG));
        List<String> warnings = logged(Level.WARNING);
        assertEquals(2, warnings.size(), () -> "one for the unreachable broker, one for the drops: " + warnings);
        assertEquals(1, warnings.stream().filter(w -> w.startsWith(cannotReach() + " (attempt 1)")).count(),
                () -> "one warning for the unreachable broker, not one per attempt: " + warnings);
        assertEquals(1, warnings.stream().filter(w -> w.startsWith("not delivering messages to the other nodes")).count(),
                () -> "one warning for the drops, not one per message: " + warnings);
        assertEquals(false, bus.stats().connected());
        assertEquals(List.of(), received);

        long c0 = System.nanoTime();
        bus.close();
        long closing = millisSince(c0);
        assertTrue(closing < PROMPT.toMillis(), "close took " + closing + " ms");
        List<String> whenClosed = logged(Level.DEBUG);
        bus.publish(message(10)); // after close: counted, never thrown
        assertEquals(new BusStats(11, 0, 11, 0, 0, 0, false), bus.stats());
        bus.close(); // again: nothing
        sleepQuietly(300);
        // an attempt that close ended logs nothing either
        assertEquals(whenClosed, logged(Level.DEBUG), "nothing logged after close, no attempt above all");
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

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
