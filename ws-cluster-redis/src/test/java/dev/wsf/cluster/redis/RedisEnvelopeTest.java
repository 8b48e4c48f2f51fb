package dev.wsf.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.Arrivals;
import dev.wsf.cluster.BusCounters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message from what one node's bus puts on the wire ({@link RedisTopicBus.Outgoing#of}: the
 * channel and the envelope) to what another node's bus hands its topics ({@link Inbound}, as
 * Lettuce calls it), without Redis in between: every byte and flag arrives, topic names of any
 * characters included, and what is not a message for the channel's topic is ignored and counted.
 */
class RedisEnvelopeTest {
    private static final System.Logger LOG = System.getLogger(RedisEnvelopeTest.class.getName());

    private final Channels channels = new Channels("wsf:topic:");
    private final List<TopicMessage> delivered = new ArrayList<>();
    private final BusCounters counters = new BusCounters(LOG);
    /** Node "b", receiving. */
    private final Inbound inbound = new Inbound(channels, new Arrivals("b", delivered::add, counters, LOG));

    private void assertArrivesAsSent(TopicMessage sent, boolean sharded) {
        RedisTopicBus.Outgoing wire = RedisTopicBus.Outgoing.of(channels, sent);
        delivered.clear();
        if (sharded) {
            inbound.smessage(wire.channel(), wire.envelope());
        } else {
            inbound.message(wire.channel(), wire.envelope());
        }
        assertEquals(1, delivered.size(), () -> "delivered: " + delivered);
        TopicMessage got = delivered.get(0);
        assertEquals(sent.topic(), got.topic());
        assertEquals(sent.binary(), got.binary());
        assertEquals(sent.origin(), got.origin());
        assertArrayEquals(sent.payload(), got.payload());
    }

    @Test
    void textAndBinaryMessagesRoundTripOnTheirTopicsChannel() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        assertArrivesAsSent(new TopicMessage("chat", false, "hello".getBytes(StandardCharsets.UTF_8), "a"), false);
        assertArrivesAsSent(new TopicMessage("chat", false, "h\u00e9llo \u2603 \ud83d\ude00".getBytes(StandardCharsets.UTF_8), "a"), true);
        assertArrivesAsSent(new TopicMessage("bin", true, everyByte, "a"), false);
        assertArrivesAsSent(new TopicMessage("empty", true, new byte[0], "a"), true);
        assertArrivesAsSent(new TopicMessage("empty-text", false, new byte[0], "a"), false);
        assertEquals(new BusStats(0, 0, 0, 5, 0, 0, false), counters.stats(false), "5 received, nothing malformed");
    }

    @Test
    void anyTopicNameIsAChannelOfItsOwn() {
        for (String topic : List.of("room/1", "a.b", "*", "wsf:topic:x", "r\u00e4ume \u2603", " ", "\ud83d\ude00")) {
            assertEquals(topic, channels.topicOf(channels.of(topic)));
            assertArrivesAsSent(new TopicMessage(topic, false, topic.getBytes(StandardCharsets.UTF_8), "a"), false);
        }
    }

    @Test
    void ownMessagesAreIgnoredSilently() {
        RedisTopicBus.Outgoing wire = RedisTopicBus.Outgoing.of(channels, new TopicMessage("t", false, new byte[] {'x'}, "b"));
        inbound.message(wire.channel(), wire.envelope());
        assertEquals(List.of(), delivered);
        assertEquals(new BusStats(0, 0, 0, 0, 0, 0, false), counters.stats(false), "neither received nor malformed");
    }

    @Test
    void whatIsNoMessageForTheChannelsTopicIsIgnoredAndCounted() {
        RedisTopicBus.Outgoing forT = RedisTopicBus.Outgoing.of(channels, new TopicMessage("t", false, new byte[] {'x'}, "a"));
        inbound.message(channels.of("other"), forT.envelope()); // t's envelope on another topic's channel
        inbound.message("elsewhere:t".getBytes(StandardCharsets.UTF_8), forT.envelope()); // not one of our channels
        inbound.message(channels.of("t"), "garbage".getBytes(StandardCharsets.UTF_8));
        inbound.message(channels.of("t"), new byte[0]);
        // cut inside the header: "wsf", version, flags, origin "a" (length 2 bytes, then 1), the topic's length, no topic
        byte[] truncated = java.util.Arrays.copyOf(forT.envelope(), 10);
        inbound.message(channels.of("t"), truncated);
        RedisTopicBus.Outgoing notUtf8 = RedisTopicBus.Outgoing.of(channels,
                new TopicMessage("t", false, new byte[] {(byte) 0xc3, (byte) 0x28}, "a"));
        inbound.message(notUtf8.channel(), notUtf8.envelope()); // a text message that is not UTF-8
        assertEquals(List.of(), delivered);
        assertEquals(new BusStats(0, 0, 0, 0, 6, 0, false), counters.stats(false));

        inbound.message(forT.channel(), forT.envelope());
        assertEquals(1, delivered.size(), "a good message after bad ones still arrives");
    }
}
