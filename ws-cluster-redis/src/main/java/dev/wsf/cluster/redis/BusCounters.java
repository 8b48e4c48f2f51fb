package dev.wsf.cluster.redis;

import dev.wsf.api.topic.BusStats;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link BusStats}, and the rule that a failure that repeats is not logged each
 * time: the first malformed payload only, and dropped messages at most once a minute.
 */
final class BusCounters {
    private static final long NEVER = Long.MIN_VALUE;
    private static final long LOG_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private final System.Logger log;
    private final LongAdder published = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicLong lastDropLog = new AtomicLong(NEVER);
    private final AtomicBoolean malformedLogged = new AtomicBoolean();

    BusCounters(System.Logger log) {
        this.log = log;
    }

    void published() {
        published.increment();
    }

    void sent() {
        sent.increment();
    }

    void dropped(String why) {
        dropped.increment();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if ((last == NEVER || now - last >= LOG_INTERVAL_NANOS) && lastDropLog.compareAndSet(last, now)) {
            log.log(Level.WARNING, () -> "not delivering messages to the other nodes (" + why + "): local"
                    + " subscribers still get them; " + dropped.sum() + " dropped so far (BusStats.dropped),"
                    + " logged at most once a minute");
        }
    }

    void received() {
        received.increment();
    }

    void malformed(String where, String why) {
        malformed.increment();
        if (malformedLogged.compareAndSet(false, true)) {
            log.log(Level.WARNING, () -> "ignored a payload on " + where + " that is not a wsf topic envelope this"
                    + " node can read (" + why + "); further ones are only counted (BusStats.malformed)");
        }
    }

    void reconnected() {
        reconnects.increment();
    }

    BusStats stats(boolean connected) {
        // sent and dropped before published: a message counted in neither is still on its way
        long s = sent.sum();
        long d = dropped.sum();
        return new BusStats(published.sum(), s, d, received.sum(), malformed.sum(), reconnects.sum(), connected);
    }
}
