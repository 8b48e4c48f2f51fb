package dev.wsf.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Topic names as Redis channels: the prefix, then the topic's UTF-8 bytes as they are (channels
 * are binary-safe, so every topic has one, and no two share one).
 */
final class Channels {
    private final byte[] prefix;

    Channels(String prefix) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    byte[] of(String topic) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        byte[] channel = Arrays.copyOf(prefix, prefix.length + name.length);
        System.arraycopy(name, 0, channel, prefix.length, name.length);
        return channel;
    }

    /** The topic of a channel, or null if the channel is not one of these. */
    String topicOf(byte[] channel) {
        if (channel.length <= prefix.length || !Arrays.equals(channel, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        return new String(channel, prefix.length, channel.length - prefix.length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(prefix, StandardCharsets.UTF_8) + "<topic>";
    }
}
