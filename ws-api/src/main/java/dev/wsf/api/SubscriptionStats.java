package dev.wsf.api;

/**
 * The counters of one session's subscription to one topic.
 *
 * @param delivered messages queued for the session
 * @param skipped   messages it missed while slow
 */
public record SubscriptionStats(long delivered, long skipped) {
}
