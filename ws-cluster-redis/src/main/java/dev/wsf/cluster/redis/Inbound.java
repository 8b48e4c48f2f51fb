package dev.wsf.cluster.redis;

import dev.wsf.cluster.Arrivals;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;

/**
 * What arrives on the channels, on Lettuce's event loop: for this node's subscribers, unless it
 * is this node's own message or not an envelope for the channel's topic (ignored and counted).
 */
final class Inbound extends RedisPubSubAdapter<byte[], byte[]> {
    private final Channels channels;
    private final Arrivals arrivals;

    Inbound(Channels channels, Arrivals arrivals) {
        this.channels = channels;
        this.arrivals = arrivals;
    }

    @Override
    public void message(byte[] channel, byte[] message) {
        arrivals.arrived("channel " + new String(channel, StandardCharsets.UTF_8), channels.topicOf(channel), message);
    }

    @Override
    public void smessage(byte[] shardChannel, byte[] message) {
        message(shardChannel, message);
    }
}
