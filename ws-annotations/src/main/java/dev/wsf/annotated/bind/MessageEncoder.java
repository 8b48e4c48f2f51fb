package dev.wsf.annotated.bind;

import dev.wsf.api.codec.BinaryEncoder;
import dev.wsf.api.codec.EncodeException;
import dev.wsf.api.codec.Encoder;
import dev.wsf.api.codec.TextEncoder;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an object into the message that carries it, decided once per class (a
 * {@link ClassValue}) rather than once per value: text for character sequences, binary for
 * {@code byte[]} and {@code ByteBuffer}, the endpoint's encoder where one fits, JSON otherwise.
 * Encoding happens on the calling thread, so its failure is the caller's.
 */
final class MessageEncoder {

    /** An encoded message: exactly one of the two is set. */
    record Encoded(CharSequence text, ByteBuffer binary) {
    }

    private final ClassValue<Function<Object, Encoded>> encoders;

    MessageEncoder(Codecs codecs) {
        this.encoders = new ClassValue<>() {
            @Override
            protected Function<Object, Encoded> computeValue(Class<?> type) {
                return encoderFor(type, codecs);
            }
        };
    }

    /**
     * @throws EncodeException if the value cannot be encoded
     */
    Encoded encode(Object value) {
        return encoders.get(value.getClass()).apply(value);
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Encoded> encoderFor(Class<?> type, Codecs codecs) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return v -> new Encoded((CharSequence) v, null);
        }
        if (type == byte[].class) {
            return v -> new Encoded(null, ByteBuffer.wrap((byte[]) v));
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return v -> new Encoded(null, (ByteBuffer) v);
        }
        Optional<Encoder> own = codecs.encoderFor(type);
        if (own.isPresent() && own.get() instanceof BinaryEncoder<?> binary) {
            BinaryEncoder<Object> encoder = (BinaryEncoder<Object>) binary;
            return v -> new Encoded(null, encodedBinary(encoder, v));
        }
        TextEncoder<Object> text = own.isPresent() ? (TextEncoder<Object>) own.get() : codecs.json().encoder();
        return v -> new Encoded(encodedText(text, v), null);
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
