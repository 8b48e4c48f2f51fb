package dev.wsf.cluster.nats;

import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.ChatScenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChatScenario}: three nodes of clients chatting in one room, through a real nats-server. */
@Tag("interop")
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NatsChatTest {

    @Test
    void threeNodesOfClientsChatInOneRoomAndEveryMessageIsAccountedFor() throws Exception {
        try (BrokerProcess nats = BrokerProcess.nats();
             NatsInspector broker = new NatsInspector(nats)) {
            ChatScenario.run(() -> NatsTopicBus.builder("nats://127.0.0.1:" + nats.port()).build(),
                    topic -> broker.subscribers("wsf.topic." + topic));
        }
    }
}
