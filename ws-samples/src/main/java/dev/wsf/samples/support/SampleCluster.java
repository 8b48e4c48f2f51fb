package dev.wsf.samples.support;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.cluster.nats.NatsTopicBus;
import dev.wsf.cluster.redis.RedisTopicBus;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code -Dcluster=URI}: the sample's topics reach every sample server started with the same
 * broker. {@code redis://host:port} (or {@code rediss://}) uses Redis through
 * {@link RedisTopicBus}, {@code nats://host:port} (or {@code tls://}) NATS through
 * {@link NatsTopicBus}.
 *
 * @param uri the broker, as given
 * @param bus the bus for {@link ServerConfig.Builder#topicBus}
 */
public record SampleCluster(String uri, TopicBus bus) {

    /** The broker {@code -Dcluster} names, if it names one. */
    public static Optional<SampleCluster> fromSystemProperties() {
        String uri = System.getProperty("cluster", "").strip();
        return uri.isEmpty() ? Optional.empty() : Optional.of(of(uri));
    }

    /**
     * @throws IllegalArgumentException if the scheme is none of redis, rediss, nats, tls
     */
    public static SampleCluster of(String uri) {
        String scheme = String.valueOf(URI.create(uri.split(",")[0]).getScheme()).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "redis", "rediss" -> new SampleCluster(uri, RedisTopicBus.builder(uri).build());
            case "nats", "tls" -> new SampleCluster(uri, NatsTopicBus.builder(uri).build());
            default -> throw new IllegalArgumentException("-Dcluster=" + uri + ": use redis://host:port or"
                    + " nats://host:port");
        };
    }

    /** Gives the sample's settings this bus. */
    public ServerConfig.Builder applyTo(ServerConfig.Builder settings) {
        return settings.topicBus(bus);
    }

    /** What the sample prints about it. */
    public List<String> notes() {
        String naming = bus instanceof RedisTopicBus ? "Redis channels wsf:topic:<topic>" : "NATS subjects wsf.topic.<topic>";
        return List.of("Cluster: topics shared with every server started with -Dcluster=" + uri + " (" + naming
                + "); if the broker is away, this server serves its own clients and keeps trying.");
    }
}
