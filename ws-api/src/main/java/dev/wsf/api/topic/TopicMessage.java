package dev.wsf.api.topic;

import java.util.Objects;

/**
 * A message published to a topic, as nodes of a cluster exchange it through a {@link TopicBus}.
 *
 * @param topic   the topic
 * @param binary  whether it is a binary message (else UTF-8 text)
 * @param payload the message's bytes; not to be modified
 * @param origin  the node that published it, so that it never receives its own messages twice
 *
 * @since 0.1
 */
public record TopicMessage(String topic, boolean binary, byte[] payload, String origin) {
    /**
     * Checks the components.
     *
     * @param topic the topic
     * @param binary whether it is a binary message
     * @param payload the message's bytes, not copied
     * @param origin the id of the node that published it
     * @throws NullPointerException if {@code topic}, {@code payload} or {@code origin} is null
     */
    public TopicMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(origin, "origin");
    }
}
