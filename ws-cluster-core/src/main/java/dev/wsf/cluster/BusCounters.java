package dev.wsf.cluster;

import dev.wsf.api.topic.BusStats;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link BusStats}, and the rule that a failure that repeats is not logged each
 * time: the first malformed payload only, and dropped messages at most once a minute. Thread-safe.
 */
public final class BusCounters {
    private static final long NEVER = Long.MIN_VALUE;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final System.Logger log;
    private final LongAdder published = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicLong lastDropLog = new AtomicLong(NEVER);
    private final AtomicBoolean malformedLogged = new AtomicBoolean();

    /** @param log where the warnings go: the bus's own logger */
    public BusCounters(System.Logger log) {
        this.log = log;
    }

    /** A message this node published, before the bus tries to send it. */
    public void published() {
        published.increment();
    }

    /** A published message the broker took (or the client took for a connected broker). */
    public void sent() {
        sent.increment();
    }

    /**
     * A message counted as sent (just before it was handed to the client) that the client
     * refused or discarded after all: sent no more, dropped.
     *
     * @param why the reason, for the log, as in {@link #dropped(String)}
     */
    public void unsent(String why) {
        sent.decrement();
        dropped(why);
    }

    /**
     * A published message that will not reach the other nodes (logged at most once a minute).
     *
     * @param why the reason, for the log: "not connected to ...", "closed" or the client's error, say
     */
    public void dropped(String why) {
        dropped.increment();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if ((last == NEVER || now - last >= LOG_INTERVAL_NANOS) && lastDropLog.compareAndSet(last, now)) {
            log.log(Level.WARNING, () -> "not delivering messages to the other nodes (" + why + "): local"
                    + " subscribers still get them; " + dropped.sum() + " dropped so far (BusStats.dropped),"
                    + " logged at most once a minute");
        }
    }

    /** A message from another node, handed to this node's subscribers. */
    public void received() {
        received.increment();
    }

    /**
     * A payload that is not an envelope this node reads (only the first one is logged).
     *
     * @param where the channel or subject it came on, for the log
     * @param why   what is wrong with it, for the log
     */
    public void malformed(String where, String why) {
        malformed.increment();
        if (malformedLogged.compareAndSet(false, true)) {
            log.log(Level.WARNING, () -> "ignored a payload on " + where + " that is not a wsf topic envelope this"
                    + " node can read (" + why + "); further ones are only counted (BusStats.malformed)");
        }
    }

    /** The connection to the broker came back after it was lost (the first connection is none). */
    public void reconnected() {
        reconnects.increment();
    }

    /**
     * The counts now, and whether the bus is connected.
     *
     * @param connected whether the bus has a connection to the broker now, copied into the result
     * @return a snapshot: each count is read once, sent and dropped before published, so that
     *         published is never below their sum
     */
    public BusStats stats(boolean connected) {
        // sent and dropped before published: a message counted in neither is still on its way
        long s = sent.sum();
        long d = dropped.sum();
        return new BusStats(published.sum(), s, d, received.sum(), malformed.sum(), reconnects.sum(), connected);
    }
}
