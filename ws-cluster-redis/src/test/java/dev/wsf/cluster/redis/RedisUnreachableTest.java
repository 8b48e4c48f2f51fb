package dev.wsf.cluster.redis;

import dev.wsf.cluster.testkit.BusUnreachableContract;

/** {@link BusUnreachableContract} for a Redis that is not there. */
class RedisUnreachableTest extends BusUnreachableContract {

    @Override
    protected Class<RedisTopicBus> busType() {
        return RedisTopicBus.class;
    }

    @Override
    protected RedisTopicBus.Builder busAtPort() {
        return RedisTopicBus.builder("redis://127.0.0.1:" + port);
    }

    @Override
    protected String cannotReach() {
        return "cannot reach Redis at 127.0.0.1:" + port;
    }
}
