package dev.wsf.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the broker itself says about channels and subscribers, and a raw publisher: the test's own client. */
final class RedisInspector implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;
    private final boolean sharded;

    RedisInspector(int port, boolean sharded) {
        this.client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.redis = connection.sync();
        this.sharded = sharded;
    }

    /** How many subscribers (nodes) the broker has for {@code channel}. */
    long subscribers(String channel) {
        byte[] c = channel.getBytes(StandardCharsets.UTF_8);
        Map<byte[], Long> counts = sharded ? redis.pubsubShardNumsub(c) : redis.pubsubNumsub(c);
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The channels with at least one subscriber, sorted. */
    List<String> channels() {
        List<byte[]> raw = sharded ? redis.pubsubShardChannels() : redis.pubsubChannels();
        TreeSet<String> names = new TreeSet<>();
        raw.forEach(b -> names.add(new String(b, StandardCharsets.UTF_8)));
        return List.copyOf(names);
    }

    /** Publishes raw bytes on a channel, as something other than a wsf node would. */
    long publish(String channel, byte[] payload) {
        byte[] c = channel.getBytes(StandardCharsets.UTF_8);
        return sharded ? redis.spublish(c, payload) : redis.publish(c, payload);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
