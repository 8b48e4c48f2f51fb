/**
 * What the cluster buses share, for {@link dev.wsf.api.topic.TopicBus} implementations on a
 * broker: {@link dev.wsf.cluster.BusBuilder} (the settings every bus's builder has, so exported to
 * the applications that call them through {@code RedisTopicBus.Builder} or
 * {@code NatsTopicBus.Builder}), reading what arrives, the counters behind
 * {@link dev.wsf.api.topic.BusStats} and reconnection backoff. It depends on {@code dev.wsf.api}
 * only.
 *
 * @since 0.1
 */
module dev.wsf.cluster {
    requires transitive dev.wsf.api;

    exports dev.wsf.cluster;
}
