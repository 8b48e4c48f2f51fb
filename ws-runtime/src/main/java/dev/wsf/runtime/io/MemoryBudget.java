package dev.wsf.runtime.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all connections of a server (or client) may hold at once in queued output, input
 * waiting for a worker and partially received messages. Each connection keeps a
 * {@link MemoryAccount}; the budget adds them up.
 *
 * <p>When the total passes the limit, the budget sheds the accounts that hold the most, largest
 * first, until what they hold would bring the total back under three quarters of the limit.
 * Shedding is the owner's business ({@link Protocol#onOverload()}: a session drops its unwritten
 * messages and closes with 1013), and it happens on the owner's own thread, so the total may
 * overshoot the limit briefly, by what is in flight at that moment. Everyone else keeps going.
 *
 * <p>Shedding picks by size, not by age or by who asked last: the connections that hold the most
 * are the ones whose peers send fastest or read slowest, and closing them frees the most for the
 * fewest closures.
 */
public final class MemoryBudget {
    private static final System.Logger LOG = System.getLogger(MemoryBudget.class.getName());
    /** Shed accounts need a moment to let go; scanning again sooner would find the same total. */
    private static final long SCAN_INTERVAL_NANOS = 10_000_000;

    static {
        // Loaded with the budget, not at the first shedding, which may come when no file
        // descriptor is left to read a class with (see Warmup).
        Candidate.class.getName();
    }

    private final long limit;
    private final long lowWater;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong shedCount = new AtomicLong();
    private final AtomicBoolean scanning = new AtomicBoolean();
    private volatile long lastScanNanos = System.nanoTime() - SCAN_INTERVAL_NANOS;
    private final Set<MemoryAccount> accounts = ConcurrentHashMap.newKeySet();

    /**
     * A budget with no account yet.
     *
     * @param limit the total, in bytes, above which the largest accounts are shed
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    public MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("memory budget must be positive: " + limit);
        }
        this.limit = limit;
        this.lowWater = limit - limit / 4;
    }

    /**
     * A budget that never sheds, for tests and tools.
     *
     * @return a new budget whose limit is {@link Long#MAX_VALUE} bytes
     */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    /**
     * Opens an account for a new connection; {@code owner} is told when the account is shed.
     *
     * @param owner told once if the account is shed, on the thread that made the budget pass its
     *              limit; it should hand the work to the connection's own thread
     * @return the new account, holding 0 bytes
     */
    public MemoryAccount open(MemoryAccount.Owner owner) {
        MemoryAccount account = new MemoryAccount(this, owner);
        accounts.add(account);
        return account;
    }

    /**
     * The limit, in bytes.
     *
     * @return the limit given to the constructor
     */
    public long limit() {
        return limit;
    }

    /**
     * Bytes held by all accounts now.
     *
     * @return the total, in bytes; may pass the limit briefly
     */
    public long used() {
        return used.get();
    }

    /**
     * How many accounts have been shed since the start.
     *
     * @return the count since the budget was made
     */
    public long shedCount() {
        return shedCount.get();
    }

    void closed(MemoryAccount account) {
        accounts.remove(account);
    }

    void grew(long bytes) {
        if (used.addAndGet(bytes) > limit) {
            shed();
        }
    }

    void shrank(long bytes) {
        used.addAndGet(-bytes);
    }

    /**
     * Sheds the largest accounts until the rest fit under the low-water mark, counting what
     * accounts shed earlier still hold as already gone. One scan at a time, at most one per
     * {@link #SCAN_INTERVAL_NANOS}: a scan visits every account.
     */
    private void shed() {
        long now = System.nanoTime();
        if (now - lastScanNanos < SCAN_INTERVAL_NANOS || !scanning.compareAndSet(false, true)) {
            return;
        }
        try {
            lastScanNanos = now;
            long leaving = 0;
            List<Candidate> candidates = new ArrayList<>();
            for (MemoryAccount a : accounts) {
                long held = a.held();
                if (a.isShed()) {
                    leaving += held;
                } else if (held > 0) {
                    candidates.add(new Candidate(a, held));
                }
            }
            long excess = used.get() - leaving - lowWater;
            if (excess <= 0) {
                return;
            }
            // By the sizes seen above: accounts change while this sorts, and a sort whose keys
            // move may throw ("Comparison method violates its general contract").
            candidates.sort(Comparator.comparingLong(Candidate::held).reversed());
            int shed = 0;
            for (Candidate c : candidates) {
                if (excess <= 0) {
                    break;
                }
                MemoryAccount a = c.account();
                long held = a.markShed();
                if (held > 0) {
                    shed++;
                    excess -= held;
                    a.notifyOwner();
                }
            }
            shedCount.addAndGet(shed);
            long total = used.get();
            int victims = shed;
            LOG.log(System.Logger.Level.WARNING, () -> "memory budget of " + limit + " bytes exceeded (" + total
                    + " held): shedding the " + victims + " connection(s) that hold the most");
        } finally {
            scanning.set(false);
        }
    }

    /** An account and what it held when the scan looked at it. */
    private record Candidate(MemoryAccount account, long held) {
    }

    @Override
    public String toString() {
        return "MemoryBudget[used " + used.get() + " of " + limit + ", " + accounts.size() + " accounts]";
    }
}
