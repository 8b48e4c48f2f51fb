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

    /**
     * Checks the policy.
     *
     * @param action     what to do with a slow subscriber
     * @param maxBacklog the backlog, in bytes, above which the subscriber counts as slow; positive
     * @throws NullPointerException     if {@code action} is null
     * @throws IllegalArgumentException if {@code maxBacklog} is zero or negative
     */
    public SlowConsumerPolicy {
        java.util.Objects.requireNonNull(action, "action");
        if (maxBacklog <= 0) {
            throw new IllegalArgumentException("maxBacklog must be positive: " + maxBacklog);
        }
    }

    /**
     * A policy that makes a slow subscriber miss messages until it catches up.
     *
     * @param maxBacklog the backlog, in bytes, above which the subscriber counts as slow; positive
     * @return a policy with {@link Action#SKIP}
     * @throws IllegalArgumentException if {@code maxBacklog} is zero or negative
     */
    public static SlowConsumerPolicy skip(long maxBacklog) {
        return new SlowConsumerPolicy(Action.SKIP, maxBacklog);
    }

    /**
     * A policy that gives a slow subscriber only the newest message once it catches up.
     *
     * @param maxBacklog the backlog, in bytes, above which the subscriber counts as slow; positive
     * @return a policy with {@link Action#KEEP_NEWEST}
     * @throws IllegalArgumentException if {@code maxBacklog} is zero or negative
     */
    public static SlowConsumerPolicy keepNewest(long maxBacklog) {
        return new SlowConsumerPolicy(Action.KEEP_NEWEST, maxBacklog);
    }

    /**
     * A policy that closes a slow subscriber with 1008 (policy violation).
     *
     * @param maxBacklog the backlog, in bytes, above which the subscriber is closed; positive
     * @return a policy with {@link Action#CLOSE}
     * @throws IllegalArgumentException if {@code maxBacklog} is zero or negative
     */
    public static SlowConsumerPolicy close(long maxBacklog) {
        return new SlowConsumerPolicy(Action.CLOSE, maxBacklog);
    }
}
