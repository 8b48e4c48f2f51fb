package dev.wsf.api;

/**
 * The counters of one session's subscription to one topic.
 *
 * @param delivered messages queued for the session
 * @param skipped   messages it missed while slow
 *
 * @since 0.1
 */
public record SubscriptionStats(long delivered, long skipped) {
}
