/**
 * A {@link dev.wsf.api.topic.TopicBus} on NATS core publish/subscribe with jnats:
 * {@link dev.wsf.cluster.nats.NatsTopicBus}, built with
 * {@link dev.wsf.cluster.nats.NatsTopicBus#builder(String)}.
 *
 * @since 0.1
 */
package dev.wsf.cluster.nats;
