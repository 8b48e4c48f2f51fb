package dev.wsf.annotated.bind;

import dev.wsf.api.codec.BinaryDecoder;
import dev.wsf.api.codec.DecodeException;
import dev.wsf.api.codec.TextDecoder;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

/**
 * Method handles that turn a delivered message ({@code String} or {@code ByteBuffer}) into the
 * type a callback declared. Each is built once per callback at deploy time.
 */
final class Payloads {
    private static final MethodHandle COPY;
    private static final MethodHandle DECODE_TEXT;
    private static final MethodHandle DECODE_BINARY;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType objectToObject = MethodType.methodType(Object.class, Object.class);
        try {
            COPY = lookup.findStatic(Payloads.class, "copy", MethodType.methodType(byte[].class, Object.class));
            DECODE_TEXT = lookup.findVirtual(TextDecoding.class, "decode", objectToObject);
            DECODE_BINARY = lookup.findVirtual(BinaryDecoding.class, "decode", objectToObject);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Payloads() {
    }

    /** {@code (Object) -> type}: a plain cast, for messages delivered as the declared type. */
    static MethodHandle cast(Class<?> type) {
        return MethodHandles.identity(Object.class).asType(MethodType.methodType(type, Object.class));
    }

    /** {@code (Object) -> byte[]}: copies a delivered {@code ByteBuffer}. */
    static MethodHandle copyBytes() {
        return COPY;
    }

    /** {@code (Object) -> type}: decodes delivered text with {@code decoder}. */
    static MethodHandle decodeText(TextDecoder<Object> decoder, Class<?> type) {
        return DECODE_TEXT.bindTo(new TextDecoding(decoder, type)).asType(MethodType.methodType(type, Object.class));
    }

    /** {@code (Object) -> type}: decodes a delivered buffer with {@code decoder}. */
    static MethodHandle decodeBinary(BinaryDecoder<Object> decoder, Class<?> type) {
        return DECODE_BINARY.bindTo(new BinaryDecoding(decoder, type)).asType(MethodType.methodType(type, Object.class));
    }

    private static byte[] copy(Object buffer) {
        ByteBuffer b = (ByteBuffer) buffer;
        byte[] bytes = new byte[b.remaining()];
        b.get(b.position(), bytes); // absolute: leaves the runtime's buffer position alone
        return bytes;
    }

    /**
     * Any decoder failure becomes a {@link DecodeException}, which closes the session with 1007.
     * Another exception's text is no close reason (it may name classes or quote the parser), so it
     * only travels as the cause, to the log and {@code @OnError}.
     */
    private static DecodeException failure(RuntimeException e) {
        if (e instanceof DecodeException d) {
            return d;
        }
        return new DecodeException("the message could not be decoded", e);
    }

    private static Object checked(Object value, Class<?> type) {
        if (value == null && type.isPrimitive()) {
            throw new DecodeException("null where a " + type + " is required");
        }
        return value;
    }

    /** A text decoder bound to its target type. */
    private record TextDecoding(TextDecoder<Object> decoder, Class<?> type) {
        Object decode(Object text) {
            Object value;
            try {
                value = decoder.decode((String) text);
            } catch (RuntimeException e) {
                throw failure(e);
            }
            return checked(value, type);
        }
    }

    /** A binary decoder bound to its target type. */
    private record BinaryDecoding(BinaryDecoder<Object> decoder, Class<?> type) {
        Object decode(Object bytes) {
            Object value;
            try {
                value = decoder.decode((ByteBuffer) bytes);
            } catch (RuntimeException e) {
                throw failure(e);
            }
            return checked(value, type);
        }
    }
}
