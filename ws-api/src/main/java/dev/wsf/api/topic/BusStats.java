package dev.wsf.api.topic;

/**
 * The counters of a {@link TopicBus}: every message published on this node is either sent to the
 * broker or counted as dropped; nothing is lost without a count.
 *
 * @param published  messages handed to the bus by this node
 * @param sent       of those, accepted by the broker
 * @param dropped    of those, never sent: the broker was out of reach and the buffer full, or
 *                   the broker refused them
 * @param received   messages from other nodes delivered here
 * @param malformed  payloads on the channel that were not envelopes this node can read (ignored)
 * @param reconnects times the connection to the broker was re-established
 * @param connected  whether the bus is connected to the broker now
 *
 * @since 0.1
 */
public record BusStats(long published, long sent, long dropped, long received, long malformed, long reconnects,
                       boolean connected) {
}
