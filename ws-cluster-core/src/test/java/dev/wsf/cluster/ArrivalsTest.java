package dev.wsf.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What arrives from the broker: envelopes from other nodes for the channel's topic are delivered
 * once; everything else is ignored, counted, and logged the first time only. (The buses' tests
 * publish the same payloads through a real redis-server and nats-server.)
 */
class ArrivalsTest {
    private final RecordingLogger log = new RecordingLogger();
    private final BusCounters counters = new BusCounters(log);
    private final List<TopicMessage> delivered = new ArrayList<>();
    private final Arrivals arrivals = new Arrivals("node-a", delivered::add, counters, log);

    private static byte[] envelope(String topic, boolean binary, byte[] payload, String origin) {
        return TopicEnvelope.encode(new TopicMessage(topic, binary, payload, origin));
    }

    private static byte[] text(String topic, String payload, String origin) {
        return envelope(topic, false, payload.getBytes(StandardCharsets.UTF_8), origin);
    }

    @Test
    void textAndBinaryFromAnotherNodeAreDeliveredAsTheyCame() {
        byte[] binary = {0, (byte) 0xff, 'x'};
        arrivals.arrived("channel room", "room", text("room", "héllo", "node-b"));
        arrivals.arrived("channel room", "room", envelope("room", true, binary, "node-b"));

        assertEquals(2, delivered.size());
        assertEquals("héllo", new String(delivered.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(false, delivered.get(0).binary());
        assertTrue(delivered.get(1).binary());
        assertTrue(Arrays.equals(binary, delivered.get(1).payload()));
        assertEquals(new BusStats(0, 0, 0, 2, 0, 0, true), counters.stats(true));
        assertEquals(List.of(), log.lines);
    }

    @Test
    void thisNodesOwnMessagesAreNotDeliveredAgain() {
        arrivals.arrived("channel room", "room", text("room", "mine", "node-a"));
        assertEquals(List.of(), delivered);
        assertEquals(new BusStats(0, 0, 0, 0, 0, 0, true), counters.stats(true), "neither received nor malformed");
    }

    @Test
    void whatIsNotAnEnvelopeForTheChannelsTopicIsIgnoredCountedAndLoggedOnce() {
        byte[] otherVersion = text("room", "v2", "node-b");
        otherVersion[3] = 2;
        byte[] truncated = Arrays.copyOf(text("room", "x", "node-b"), 8);
        byte[] invalidUtf8 = envelope("room", false, new byte[] {'a', (byte) 0xC3}, "node-b");
        byte[] otherTopic = text("elsewhere", "sneaking in", "node-b");
        byte[] noOrigin = text("room", "who?", "");
        for (byte[] bad : List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[0], otherVersion, truncated,
                invalidUtf8, otherTopic, noOrigin)) {
            arrivals.arrived("channel room", "room", bad);
        }
        arrivals.arrived("channel other", null, text("room", "on a channel of no topic", "node-b"));

        assertEquals(List.of(), delivered);
        assertEquals(new BusStats(0, 0, 0, 0, 8, 0, true), counters.stats(true));
        assertEquals(1, log.lines.size(), "the first only: " + log.lines);
        assertTrue(log.lines.get(0).startsWith("WARNING ignored a payload on channel room that is not a wsf topic"
                + " envelope this node can read (not a wsf topic envelope: wrong magic)"), log.lines.get(0));
    }

    @Test
    void aReceiverThatThrowsIsLoggedAndTheNextMessageStillArrives() {
        List<String> got = new ArrayList<>();
        Arrivals failingOnce = new Arrivals("node-a", m -> {
            if (got.isEmpty()) {
                got.add("failed");
                throw new IllegalStateException("subscriber trouble");
            }
            got.add(new String(m.payload(), StandardCharsets.UTF_8));
        }, counters, log);
        failingOnce.arrived("channel room", "room", text("room", "one", "node-b"));
        failingOnce.arrived("channel room", "room", text("room", "two", "node-b"));

        assertEquals(List.of("failed", "two"), got);
        assertEquals(2, counters.stats(true).received());
        assertEquals(List.of("ERROR delivering a message from another node to topic room failed"), log.lines);
    }
}
