package dev.wsf.runtime.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.runtime.server.ServerContext;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the topics of one node use a {@link TopicBus}: subscribe at the broker on the first local
 * subscriber and unsubscribe on the last, publish every local message once, deliver other nodes'
 * messages locally only and never their own twice. The bus here is a recorder standing in for the
 * broker's client; the real brokers are tested in wsf-cluster-redis and wsf-cluster-nats.
 */
class TopicBusTest {

    /** Records what the registry asks of the bus, and lets the test play the other nodes. */
    static final class RecordingBus implements TopicBus {
        final List<String> calls = new ArrayList<>();
        Receiver receiver;
        String nodeId;

        @Override
        public void start(String nodeId, Receiver receiver) {
            this.nodeId = nodeId;
            this.receiver = receiver;
            calls.add("start");
        }

        @Override
        public void subscribe(String topic) {
            calls.add("subscribe " + topic);
        }

        @Override
        public void unsubscribe(String topic) {
            calls.add("unsubscribe " + topic);
        }

        @Override
        public void publish(TopicMessage m) {
            calls.add("publish " + m.topic() + " " + new String(m.payload()) + " from " + (m.origin().equals(nodeId) ? "me" : m.origin()));
        }

        @Override
        public BusStats stats() {
            return new BusStats(0, 0, 0, 0, 0, 0, true);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private final RecordingBus bus = new RecordingBus();
    private final List<RecordingHandler> handlers = new ArrayList<>();
    private ServerContext context;

    private ServerHarness subscriber(String topic) {
        ServerHarness h = new ServerHarness(context);
        h.send(UpgradeRequestBuilder.to("/t").bytes());
        assertEquals(101, h.status());
        Session s = handlers.get(handlers.size() - 1).session;
        s.subscribe(topic);
        h.transport.runTasks();
        return h;
    }

    private void start() {
        EndpointDefinition e = EndpointDefinition.builder("/t", r -> {
            RecordingHandler h = new RecordingHandler(false);
            handlers.add(h);
            return h;
        }).dispatch(Dispatch.IO_THREAD).build();
        context = new ServerContext(ServerConfig.builder().topicBus(bus).build(), List.of(e), null, Runnable::run);
        context.topics().start();
    }

    @Test
    void theNodeSubscribesAtTheBrokerForTopicsItServesOnly() {
        start();
        ServerHarness a = subscriber("chat");
        ServerHarness b = subscriber("chat");
        handlers.get(0).session.unsubscribe("chat");
        a.transport.runTasks();
        handlers.get(1).session.unsubscribe("chat");
        b.transport.runTasks();
        assertEquals(List.of("start", "subscribe chat", "unsubscribe chat"), bus.calls);
    }

    @Test
    void aLocalPublishGoesToLocalSubscribersDirectlyAndToTheBusOnce() {
        start();
        ServerHarness a = subscriber("chat");
        context.topics().publish("chat", "hi");
        a.transport.runTasks();
        assertEquals(List.of("TEXT hi"), a.frames(), "delivered here without the broker");
        assertEquals(List.of("start", "subscribe chat", "publish chat hi from me"), bus.calls);
        context.topics().publish("nobody-here", "x");
        assertEquals("publish nobody-here x from me", bus.calls.get(bus.calls.size() - 1),
                "other nodes may have subscribers");
    }

    @Test
    void otherNodesMessagesAreDeliveredHereOnlyAndOurOwnAreIgnored() {
        start();
        ServerHarness a = subscriber("chat");
        bus.receiver.deliver(new TopicMessage("chat", false, "from b".getBytes(), "node-b"));
        bus.receiver.deliver(new TopicMessage("chat", false, "echo of mine".getBytes(), bus.nodeId));
        bus.receiver.deliver(new TopicMessage("elsewhere", false, "x".getBytes(), "node-b"));
        a.transport.runTasks();
        assertEquals(List.of("TEXT from b"), a.frames());
        assertEquals(List.of("start", "subscribe chat"), bus.calls, "nothing received is published again");
        context.topics().clear();
        assertEquals("close", bus.calls.get(bus.calls.size() - 1));
    }

    @Test
    void envelopesRoundTripAndRefuseWhatTheyCannotRead() {
        TopicMessage m = new TopicMessage("room/1", true, new byte[] {0, (byte) 0xff, 10, 13}, "node-a");
        TopicMessage back = TopicEnvelope.decode(TopicEnvelope.encode(m));
        assertEquals(m.topic(), back.topic());
        assertEquals(m.origin(), back.origin());
        assertEquals(m.binary(), back.binary());
        assertEquals(java.util.HexFormat.of().formatHex(m.payload()), java.util.HexFormat.of().formatHex(back.payload()));
        byte[] wrongVersion = TopicEnvelope.encode(m);
        wrongVersion[3] = 2;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TopicEnvelope.decode(wrongVersion));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TopicEnvelope.decode("hello".getBytes()));
        byte[] truncated = java.util.Arrays.copyOf(TopicEnvelope.encode(m), 9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TopicEnvelope.decode(truncated));
    }
}
