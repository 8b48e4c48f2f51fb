package dev.wsf.api;

/**
 * The counters of one topic on this server.
 *
 * @param topic             its name
 * @param subscribers       sessions subscribed now
 * @param published         messages published to it
 * @param delivered         messages queued for a subscriber (one per subscriber and message)
 * @param skipped           messages a slow subscriber missed (skip or keep-newest policy)
 * @param closedForSlowness subscribers closed by the close policy
 *
 * @since 0.1
 */
public record TopicStats(String topic, int subscribers, long published, long delivered, long skipped,
                         long closedForSlowness) {
}
