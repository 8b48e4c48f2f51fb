/**
 * A {@link dev.wsf.api.topic.TopicBus} on NATS core publish/subscribe:
 * {@link dev.wsf.cluster.nats.NatsTopicBus} and its builder. jnats's jar is an automatic module
 * ({@code io.nats.jnats}); it is required transitively because {@code NatsTopicBus.Builder.options}
 * takes its {@code Options.Builder}.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.wsf.cluster.nats {
    requires transitive dev.wsf.api;
    requires transitive dev.wsf.cluster;
    requires transitive io.nats.jnats;

    exports dev.wsf.cluster.nats;
}
