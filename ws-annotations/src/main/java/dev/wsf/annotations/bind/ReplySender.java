package dev.wsf.annotations.bind;

import dev.wsf.annotations.codec.Codecs;
import dev.wsf.api.Session;
import dev.wsf.api.codec.BinaryEncoder;
import dev.wsf.api.codec.EncodeException;
import dev.wsf.api.codec.Encoder;
import dev.wsf.api.codec.TextEncoder;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sends what callbacks return. How a value is sent depends on its class, decided once per class
 * (a {@link ClassValue}) rather than once per value: text for character sequences, binary for
 * {@code byte[]} and {@code ByteBuffer}, the endpoint's encoder where one fits, JSON otherwise.
 *
 * <p>Encoding happens on the calling thread, so its failure is the callback's failure. The send
 * itself is asynchronous and its stage is not observed: a queued reply fails only when the session
 * is closing, which the endpoint hears through {@code @OnClose}, and watching every reply would
 * cost an allocation and a completion per message.
 */
final class ReplySender {

    /** Sends one value on a session. */
    @FunctionalInterface
    private interface Sender {
        CompletionStage<Void> send(Session session, Object value);
    }

    private final ClassValue<Sender> senders;

    ReplySender(Codecs codecs) {
        this.senders = new ClassValue<>() {
            @Override
            protected Sender computeValue(Class<?> type) {
                return senderFor(type, codecs);
            }
        };
    }

    /**
     * Encodes {@code value} and queues it on {@code session}.
     *
     * @throws EncodeException if the value cannot be encoded
     */
    void send(Session session, Object value) {
        senders.get(value.getClass()).send(session, value);
    }

    @SuppressWarnings("unchecked")
    private static Sender senderFor(Class<?> type, Codecs codecs) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return (s, v) -> s.sendText((CharSequence) v);
        }
        if (type == byte[].class) {
            return (s, v) -> s.sendBinary(ByteBuffer.wrap((byte[]) v));
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return (s, v) -> s.sendBinary((ByteBuffer) v);
        }
        Optional<Encoder> own = codecs.encoderFor(type);
        if (own.isPresent() && own.get() instanceof BinaryEncoder<?> binary) {
            BinaryEncoder<Object> encoder = (BinaryEncoder<Object>) binary;
            return (s, v) -> s.sendBinary(encodedBinary(encoder, v));
        }
        TextEncoder<Object> text = own.isPresent() ? (TextEncoder<Object>) own.get() : codecs.json().encoder();
        return (s, v) -> s.sendText(encodedText(text, v));
    }

    private static String encodedText(TextEncoder<Object> encoder, Object value) {
        String text;
        try {
            text = encoder.encode(value);
        } catch (RuntimeException e) {
            throw encodingFailure(e, value);
        }
        return requireResult(text, value);
    }

    private static ByteBuffer encodedBinary(BinaryEncoder<Object> encoder, Object value) {
        ByteBuffer bytes;
        try {
            bytes = encoder.encode(value);
        } catch (RuntimeException e) {
            throw encodingFailure(e, value);
        }
        return requireResult(bytes, value);
    }

    private static EncodeException encodingFailure(RuntimeException e, Object value) {
        return e instanceof EncodeException known ? known
                : new EncodeException("cannot encode a " + value.getClass().getName() + ": " + e, e);
    }

    private static <R> R requireResult(R result, Object value) {
        if (result == null) {
            throw new EncodeException("the encoder of " + value.getClass().getName() + " returned null");
        }
        return result;
    }
}
