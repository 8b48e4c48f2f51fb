package dev.wsf.cluster.redis;

import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.ChatScenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChatScenario}: three nodes of clients chatting in one room, through a real redis-server. */
@Tag("interop")
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisChatTest {

    @Test
    void threeNodesOfClientsChatInOneRoomAndEveryMessageIsAccountedFor() throws Exception {
        try (BrokerProcess redis = BrokerProcess.redis();
             RedisInspector broker = new RedisInspector(redis.port(), false)) {
            ChatScenario.run(() -> RedisTopicBus.builder("redis://127.0.0.1:" + redis.port()).build(),
                    topic -> broker.subscribers("wsf:topic:" + topic));
        }
    }
}
