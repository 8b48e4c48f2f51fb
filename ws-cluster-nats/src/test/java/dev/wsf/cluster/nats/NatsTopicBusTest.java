package dev.wsf.cluster.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.topic.TopicBus;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.BusDeliveryContract;
import dev.wsf.cluster.testkit.Node;
import dev.wsf.cluster.testkit.Peer;
import dev.wsf.testkit.Eventually;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BusDeliveryContract} against a real nats-server (subscriptions as its monitoring
 * endpoint {@code /connz?subs=1} shows them), and topic names that are wildcards or several
 * tokens in NATS: each is one subject token of its own.
 */
class NatsTopicBusTest extends BusDeliveryContract {
    private NatsInspector inspector;

    @Override
    protected BrokerProcess startBroker() {
        BrokerProcess nats = BrokerProcess.nats();
        inspector = new NatsInspector(nats);
        return nats;
    }

    @AfterAll
    void closeInspector() {
        if (inspector != null) {
            inspector.close();
        }
    }

    @Override
    protected Class<NatsTopicBus> busType() {
        return NatsTopicBus.class;
    }

    @Override
    protected TopicBus bus() {
        return NatsTopicBus.builder("nats://127.0.0.1:" + broker.port()).build();
    }

    @Override
    protected String channel(String topic) {
        return "wsf.topic." + Subjects.encode(topic);
    }

    @Override
    protected long subscribersAtBroker(String channel) {
        return inspector.subscribers(channel);
    }

    @Override
    protected List<String> channelsAtBroker() {
        return inspector.subjects();
    }

    @Override
    protected void publishRaw(String channel, byte[] payload) throws Exception {
        inspector.publish(channel, payload);
    }

    @Override
    protected String channelWord() {
        return "subject";
    }

    @Test
    void topicNamesThatLookLikeWildcardsOrSeveralTokensAreTopicsOfTheirOwn() throws Exception {
        Node a = node();
        Node b = node();
        List<String> names = List.of("a", "a.b", "*", ">", "a.>", "%41", "café", "two words", "wsf.topic.a");
        List<Peer> peers = new ArrayList<>();
        for (String name : names) {
            peers.add(Peer.connect(client, a.uri(name)));
        }
        Eventually.until(WAIT, () -> channelsAtBroker().size() == names.size(), () -> channelsAtBroker().toString());
        assertEquals(List.of("wsf.topic.%2541", "wsf.topic.%2A", "wsf.topic.%3E", "wsf.topic.a",
                        "wsf.topic.a%2E%3E", "wsf.topic.a%2Eb", "wsf.topic.caf%C3%A9", "wsf.topic.two%20words",
                        "wsf.topic.wsf%2Etopic%2Ea"),
                channelsAtBroker());
        for (String name : names) {
            b.server.topics().publish(name, "for " + name);
        }
        for (int i = 0; i < names.size(); i++) {
            assertEquals("for " + names.get(i), peers.get(i).next());
        }
        Thread.sleep(200);
        for (Peer p : peers) {
            assertEquals(List.of(), p.drain(), "no topic hears another's messages");
        }
    }
}
