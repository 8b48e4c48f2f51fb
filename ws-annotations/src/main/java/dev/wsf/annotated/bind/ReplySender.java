package dev.wsf.annotated.bind;

import dev.wsf.api.Session;

/**
 * Sends what callbacks return, encoded by a {@link MessageEncoder}.
 *
 * <p>Encoding happens on the calling thread, so its failure is the callback's failure. The send
 * itself is asynchronous and its stage is not observed: a queued reply fails only when the session
 * is closing, which the endpoint hears through {@code @OnClose}, and watching every reply would
 * cost an allocation and a completion per message.
 */
final class ReplySender {
    private final MessageEncoder encoder;

    ReplySender(Codecs codecs) {
        this.encoder = new MessageEncoder(codecs);
    }

    /**
     * Encodes {@code value} and queues it on {@code session}.
     *
     * @throws dev.wsf.api.codec.EncodeException if the value cannot be encoded
     */
    void send(Session session, Object value) {
        if (value instanceof CharSequence text) { // the common case, without the lookup
            session.sendText(text);
            return;
        }
        MessageEncoder.Encoded e = encoder.encode(value);
        if (e.text() != null) {
            session.sendText(e.text());
        } else {
            session.sendBinary(e.binary());
        }
    }

    MessageEncoder encoder() {
        return encoder;
    }
}
