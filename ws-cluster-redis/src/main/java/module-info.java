/**
 * A {@link dev.wsf.api.topic.TopicBus} on Redis publish/subscribe:
 * {@link dev.wsf.cluster.redis.RedisTopicBus} and its builder. Lettuce's jar is an automatic module
 * ({@code lettuce.core}); it is required transitively because {@code RedisTopicBus.builder} takes
 * its {@code RedisURI}.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.wsf.cluster.redis {
    requires transitive dev.wsf.api;
    requires transitive dev.wsf.cluster;
    requires transitive lettuce.core;
    // The bus schedules its reconnection on Lettuce's event executors, which are Netty's.
    requires io.netty.common;
    // Lettuce, an automatic module, names none of the (explicit) Netty modules it runs on, so they
    // would stay out of the module graph: the DNS resolver requires all the others.
    requires io.netty.resolver.dns;

    exports dev.wsf.cluster.redis;
}
