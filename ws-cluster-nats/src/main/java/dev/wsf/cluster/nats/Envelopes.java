package dev.wsf.cluster.nats;

import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what arrives on a topic's channel, trusting nothing: beyond {@link TopicEnvelope#decode}'s
 * checks, the envelope must name the topic of the channel it came on (so that a publisher cannot
 * reach a topic through another one's channel), and a text message must be valid UTF-8, since
 * subscribers get it as a text frame as it is.
 */
final class Envelopes {
    private Envelopes() {
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
