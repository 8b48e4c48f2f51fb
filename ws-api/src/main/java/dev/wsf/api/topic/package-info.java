/**
 * Topics across the nodes of a cluster: the {@link dev.wsf.api.topic.TopicBus} SPI that links one
 * server's {@link dev.wsf.api.Topics} to other servers' through a broker, and the
 * {@link dev.wsf.api.topic.TopicEnvelope} its messages travel in.
 *
 * @since 0.1
 */
package dev.wsf.api.topic;
