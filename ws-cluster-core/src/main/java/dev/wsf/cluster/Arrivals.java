package dev.wsf.cluster;

import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What arrives from the broker, on the client's thread, trusting nothing: a payload goes to this
 * node's subscribers if it is an envelope ({@link TopicEnvelope}) for the topic of the channel it
 * came on, from another node. Beyond {@link TopicEnvelope#decode}'s checks, the envelope must
 * name the channel's topic (so that a publisher cannot reach a topic through another one's
 * channel), and a text message must be valid UTF-8, since subscribers get it as a text frame as
 * it is. Anything else is ignored and counted ({@link BusCounters#malformed}); this node's own
 * messages are ignored silently (delivered here when they were published).
 */
public final class Arrivals {
    private final String nodeId;
    private final TopicBus.Receiver receiver;
    private final BusCounters counters;
    private final System.Logger log;

    /**
     * @param nodeId   this node's id: envelopes from it are ignored without a count
     * @param receiver this node's subscribers, that get the messages from other nodes
     * @param counters where received and malformed payloads are counted
     * @param log      the bus's logger, for what is ignored
     */
    public Arrivals(String nodeId, TopicBus.Receiver receiver, BusCounters counters, System.Logger log) {
        this.nodeId = nodeId;
        this.receiver = receiver;
        this.counters = counters;
        this.log = log;
    }

    /**
     * @param where   the channel or subject, for the log
     * @param topic   the topic that channel is for, or null if it is none of this bus's
     * @param payload what came on it
     */
    public void arrived(String where, String topic, byte[] payload) {
        TopicMessage m;
        try {
            if (topic == null) {
                throw new IllegalArgumentException("not a channel of this bus");
            }
            m = read(payload, topic);
        } catch (IllegalArgumentException e) {
            counters.malformed(where, e.getMessage());
            return;
        }
        if (m.origin().equals(nodeId)) {
            return; // ours: delivered here when it was published
        }
        counters.received();
        try {
            receiver.deliver(m);
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "delivering a message from another node to topic " + m.topic() + " failed", e);
        }
    }

    /**
     * @throws IllegalArgumentException saying why, if the payload is not a message for {@code topic}
     */
    static TopicMessage read(byte[] payload, String topic) {
        TopicMessage m = TopicEnvelope.decode(payload);
        if (!m.topic().equals(topic)) {
            throw new IllegalArgumentException("an envelope for topic '" + m.topic() + "' on the channel of '" + topic
                    + "'");
        }
        if (!m.binary()) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(m.payload()));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("a text message that is not valid UTF-8");
            }
        }
        return m;
    }
}
