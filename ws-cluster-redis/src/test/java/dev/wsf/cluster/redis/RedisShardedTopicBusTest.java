package dev.wsf.cluster.redis;

/** {@link RedisTopicBusTest} with sharded pub/sub: SPUBLISH and SSUBSCRIBE (Redis 7). */
class RedisShardedTopicBusTest extends RedisTopicBusTest {

    @Override
    boolean sharded() {
        return true;
    }
}
