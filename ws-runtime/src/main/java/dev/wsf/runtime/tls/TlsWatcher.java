package dev.wsf.runtime.tls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads TLS key and trust material when its files change, for listeners whose configuration asks
 * for it ({@link dev.wsf.api.config.TlsConfig#watchInterval()}): one daemon thread per server,
 * checking sizes and modification times, so a certificate renewed on disk (by certbot, or a
 * Kubernetes secret swapped in place) is picked up without a restart.
 */
public final class TlsWatcher {
    private static final System.Logger LOG = System.getLogger(TlsWatcher.class.getName());
    private static final TlsWatcher NONE = new TlsWatcher(null);

    private final ScheduledExecutorService scheduler;

    private TlsWatcher(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts watching the engines that ask for it; a no-op watcher if none does.
     *
     * @param engines the listeners' engines; those with a zero watch interval are not watched
     * @return the watcher, on a daemon thread of its own; {@link #stop()} it with the server
     */
    public static TlsWatcher start(List<TlsEngines> engines) {
        ScheduledExecutorService scheduler = null;
        for (TlsEngines e : engines) {
            Duration interval = e.config().watchInterval();
            if (interval.isZero()) {
                continue;
            }
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "wsf-tls-watch");
                    t.setDaemon(true);
                    return t;
                });
            }
            long millis = Math.max(1, interval.toMillis());
            scheduler.scheduleWithFixedDelay(() -> check(e), millis, millis, TimeUnit.MILLISECONDS);
        }
        return scheduler == null ? NONE : new TlsWatcher(scheduler);
    }

    private static void check(TlsEngines engines) {
        try {
            if (engines.reloadIfChanged()) {
                LOG.log(System.Logger.Level.INFO, () -> "reloaded TLS material: " + engines.config());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "TLS files changed but cannot be loaded; keeping the material in"
                    + " use: " + e.getMessage());
        }
    }

    /** Stops watching; a check under way is interrupted. */
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
