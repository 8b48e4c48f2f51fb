/**
 * A {@link dev.wsf.api.topic.TopicBus} on Redis publish/subscribe (or sharded pub/sub on a Redis
 * Cluster) with Lettuce: {@link dev.wsf.cluster.redis.RedisTopicBus}, built with
 * {@link dev.wsf.cluster.redis.RedisTopicBus#builder(String)}.
 *
 * @since 0.1
 */
package dev.wsf.cluster.redis;
