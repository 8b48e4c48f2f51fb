package dev.wsf.cluster.redis;

import dev.wsf.api.topic.TopicBus;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.BusDeliveryContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link BusDeliveryContract} against a real redis-server with PUBLISH and SUBSCRIBE
 * (subscriptions as {@code PUBSUB NUMSUB} and {@code PUBSUB CHANNELS} show them);
 * {@link RedisShardedTopicBusTest} runs it again with SPUBLISH and SSUBSCRIBE.
 */
class RedisTopicBusTest extends BusDeliveryContract {
    private RedisInspector inspector;

    /** SPUBLISH and SSUBSCRIBE rather than PUBLISH and SUBSCRIBE. */
    boolean sharded() {
        return false;
    }

    @Override
    protected BrokerProcess startBroker() {
        BrokerProcess redis = BrokerProcess.redis();
        inspector = new RedisInspector(redis.port(), sharded());
        return redis;
    }

    @AfterAll
    void closeInspector() {
        if (inspector != null) {
            inspector.close();
        }
    }

    @Override
    protected Class<RedisTopicBus> busType() {
        return RedisTopicBus.class;
    }

    @Override
    protected TopicBus bus() {
        return RedisTopicBus.builder("redis://127.0.0.1:" + broker.port()).sharded(sharded()).build();
    }

    @Override
    protected String channel(String topic) {
        return "wsf:topic:" + topic;
    }

    @Override
    protected long subscribersAtBroker(String channel) {
        return inspector.subscribers(channel);
    }

    @Override
    protected List<String> channelsAtBroker() {
        return inspector.channels();
    }

    @Override
    protected void publishRaw(String channel, byte[] payload) {
        inspector.publish(channel, payload);
    }

    @Override
    protected String channelWord() {
        return "channel";
    }
}
