package dev.wsf.cluster.redis;

import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicMessage;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * What arrives on the channels, on Lettuce's event loop: for this node's subscribers, unless it
 * is this node's own message or not an envelope for the channel's topic (ignored and counted).
 */
final class Inbound extends RedisPubSubAdapter<byte[], byte[]> {
    private static final System.Logger LOG = System.getLogger(RedisTopicBus.class.getName());
    private final Channels channels;
    private final BusCounters counters;
    private final String nodeId;
    private final TopicBus.Receiver receiver;

    Inbound(Channels channels, BusCounters counters, String nodeId, TopicBus.Receiver receiver) {
        this.channels = channels;
        this.counters = counters;
        this.nodeId = nodeId;
        this.receiver = receiver;
    }

    @Override
    public void message(byte[] channel, byte[] message) {
        deliver(channel, message);
    }

    @Override
    public void smessage(byte[] shardChannel, byte[] message) {
        deliver(shardChannel, message);
    }

    private void deliver(byte[] channel, byte[] payload) {
        String topic = channels.topicOf(channel);
        TopicMessage m;
        try {
            if (topic == null) {
                throw new IllegalArgumentException("not a channel of this bus");
            }
            m = Envelopes.read(payload, topic);
        } catch (IllegalArgumentException e) {
            counters.malformed("channel " + new String(channel, StandardCharsets.UTF_8), e.getMessage());
            return;
        }
        if (m.origin().equals(nodeId)) {
            return; // ours: delivered here when it was published
        }
        counters.received();
        try {
            receiver.deliver(m);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "delivering a message from another node to topic " + m.topic() + " failed", e);
        }
    }
}
