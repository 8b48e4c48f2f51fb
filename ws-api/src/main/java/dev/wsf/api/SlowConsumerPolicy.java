package dev.wsf.api;

/**
 * What a topic does with a subscriber whose backlog (bytes queued for it and not yet written)
 * has passed {@link #maxBacklog()} when a message comes.
 *
 * @param action     what to do
 * @param maxBacklog the backlog, in bytes, above which the subscriber counts as slow
 *
 * @since 0.1
 */
public record SlowConsumerPolicy(Action action, long maxBacklog) {
    /** The policy of topics that were not given one: skip past 256 KiB. */
    public static final SlowConsumerPolicy DEFAULT = skip(256 * 1024);

    /** What happens to a slow subscriber. */
    public enum Action {
        /** It misses messages until its backlog is back under the limit (counted as skipped). */
        SKIP,
        /**
         * It gets only the newest message once its backlog is back under the limit: the ones in
         * between are dropped (counted as skipped). For state that replaces itself: prices,
         * positions, dashboards.
         */
        KEEP_NEWEST,
        /** It is closed with 1008 (policy violation) and its unsent messages are dropped. */
        CLOSE
    }

    public SlowConsumerPolicy {
        java.util.Objects.requireNonNull(action, "action");
        if (maxBacklog <= 0) {
            throw new IllegalArgumentException("maxBacklog must be positive: " + maxBacklog);
        }
    }

    public static SlowConsumerPolicy skip(long maxBacklog) {
        return new SlowConsumerPolicy(Action.SKIP, maxBacklog);
    }

    public static SlowConsumerPolicy keepNewest(long maxBacklog) {
        return new SlowConsumerPolicy(Action.KEEP_NEWEST, maxBacklog);
    }

    public static SlowConsumerPolicy close(long maxBacklog) {
        return new SlowConsumerPolicy(Action.CLOSE, maxBacklog);
    }
}
