package dev.wsf.annotated.bind;

import dev.wsf.api.Session;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.SubscriptionStats;
import dev.wsf.api.TopicStats;
import dev.wsf.api.Topics;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Topics} handle that publishes objects the way an annotated endpoint sends its replies:
 * records and POJOs as JSON, encoder types through their encoder. Everything else goes straight
 * to the runtime's topics.
 */
public final class EncodingTopics implements Topics {
    private final Topics topics;
    private final MessageEncoder encoder;

    EncodingTopics(Topics topics, MessageEncoder encoder) {
        this.topics = topics;
        this.encoder = encoder;
    }

    /**
     * Wraps the runtime's {@code topics} with {@code codecs}.
     *
     * @param topics the runtime's topics
     * @param codecs how published objects are encoded
     * @return {@code topics} itself if it already encodes, otherwise a view that encodes with {@code codecs}
     */
    public static Topics of(Topics topics, Codecs codecs) {
        return topics instanceof EncodingTopics ? topics : new EncodingTopics(topics, new MessageEncoder(codecs));
    }

    /** The session's topics with the endpoint's encoder; what a {@code Topics} callback parameter receives. */
    static Topics of(MessageEncoder encoder, Session session) {
        return new EncodingTopics(session.topics(), encoder);
    }

    @Override
    public int publishObject(String topic, Object message) {
        MessageEncoder.Encoded e = encoder.encode(message);
        return e.text() != null ? topics.publish(topic, e.text()) : topics.publish(topic, e.binary());
    }

    @Override
    public void subscribe(Session session, String topic) {
        topics.subscribe(session, topic);
    }

    @Override
    public void subscribe(Session session, String topic, SlowConsumerPolicy policy) {
        topics.subscribe(session, topic, policy);
    }

    @Override
    public void unsubscribe(Session session, String topic) {
        topics.unsubscribe(session, topic);
    }

    @Override
    public Set<String> topicsOf(Session session) {
        return topics.topicsOf(session);
    }

    @Override
    public int publish(String topic, CharSequence text) {
        return topics.publish(topic, text);
    }

    @Override
    public int publish(String topic, ByteBuffer binary) {
        return topics.publish(topic, binary);
    }

    @Override
    public Set<Session> subscribers(String topic) {
        return topics.subscribers(topic);
    }

    @Override
    public int subscriberCount(String topic) {
        return topics.subscriberCount(topic);
    }

    @Override
    public Set<String> topics() {
        return topics.topics();
    }

    @Override
    public void policy(String topic, SlowConsumerPolicy policy) {
        topics.policy(topic, policy);
    }

    @Override
    public TopicStats stats(String topic) {
        return topics.stats(topic);
    }

    @Override
    public Optional<SubscriptionStats> stats(Session session, String topic) {
        return topics.stats(session, topic);
    }
}
