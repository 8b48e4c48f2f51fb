package dev.wsf.runtime.hostile;

import dev.wsf.runtime.WebSocketServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the memory a server accounts for ({@code stats().memoryUsed}) every two milliseconds
 * and keeps the peak. A sampler can miss a spike shorter than its period; two milliseconds is
 * shorter than the budget's own scan interval (10 ms), so an overshoot the budget lets stand
 * long enough to matter is seen.
 */
final class MemoryWatch implements AutoCloseable {
    private final WebSocketServer server;
    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostile-memory-watch");
        t.setDaemon(true);
        return t;
    });

    MemoryWatch(WebSocketServer server) {
        this.server = server;
        sampler.scheduleAtFixedRate(this::sample, 0, 2, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long used = server.stats().memoryUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    /** The highest accounted memory seen so far. */
    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
