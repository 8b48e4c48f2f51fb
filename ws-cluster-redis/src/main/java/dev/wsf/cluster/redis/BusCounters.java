package dev.wsf.cluster.redis;

import dev.wsf.api.topic.BusStats;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link BusStats}, and the rule that a failure that repeats is logged once:
 * the first malformed payload, and the first drop of each run of drops (a run ends with the next
 * message the broker accepts).
 */
final class BusCounters {
    private final System.Logger log;
    private final LongAdder published = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final AtomicBoolean malformedLogged = new AtomicBoolean();

    BusCounters(System.Logger log) {
        this.log = log;
    }

    void published() {
        published.increment();
    }

    void sent() {
        sent.increment();
        if (dropping.get() && dropping.compareAndSet(true, false)) {
            log.log(Level.INFO, () -> "sending to the other nodes again; " + dropped.sum()
                    + " message(s) dropped so far (BusStats.dropped)");
        }
    }

    void dropped(String why) {
        dropped.increment();
        if (!dropping.get() && dropping.compareAndSet(false, true)) {
            log.log(Level.WARNING, () -> "not delivering messages to the other nodes (" + why + "): local"
                    + " subscribers still get them; each one is counted in BusStats.dropped, and this is logged"
                    + " again only after the broker accepts messages again");
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
