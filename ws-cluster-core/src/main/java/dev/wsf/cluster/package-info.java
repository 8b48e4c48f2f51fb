/**
 * What the cluster buses share, for {@link dev.wsf.api.topic.TopicBus} implementations on a
 * broker (wsf-cluster-redis, wsf-cluster-nats), not for applications: reading what arrives
 * ({@link dev.wsf.cluster.Arrivals}), the counters behind {@link dev.wsf.api.topic.BusStats}
 * ({@link dev.wsf.cluster.BusCounters}), reconnection backoff, and the builders' common settings.
 *
 * @since 0.1
 */
package dev.wsf.cluster;
