package dev.wsf.annotated.bind;

import dev.wsf.annotated.codec.JsonCodec;
import dev.wsf.api.codec.BinaryDecoder;
import dev.wsf.api.codec.Decoder;
import dev.wsf.api.codec.Encoder;
import dev.wsf.api.codec.TextDecoder;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The codecs of one endpoint class: the encoder and decoder instances its {@code @Endpoint}
 * lists, and JSON for every other type. Immutable once built; shared by all its sessions.
 */
public final class Codecs {
    private final JsonCodec json;
    private final Map<Class<?>, Decoder> decoders;
    private final List<Map.Entry<Class<?>, Encoder>> encoders;

    private Codecs(JsonCodec json, Map<Class<?>, Decoder> decoders, List<Map.Entry<Class<?>, Encoder>> encoders) {
        this.json = json;
        this.decoders = Map.copyOf(decoders);
        this.encoders = List.copyOf(encoders);
    }

    /**
     * Starts the codecs of one endpoint class.
     *
     * @param json the codec for every type without an encoder or decoder of its own
     * @return a new builder, with no encoders or decoders
     */
    public static Builder builder(JsonCodec json) {
        return new Builder(json);
    }

    /**
     * The JSON codec for types without a codec of their own.
     *
     * @return the codec given to {@link #builder}
     */
    public JsonCodec json() {
        return json;
    }

    /**
     * The decoder of text into {@code type}: the endpoint's own, or JSON.
     *
     * @param type the parameter's class, to look up a decoder the endpoint lists
     * @param genericType the parameter's full type, for JSON ({@code List<Item>}, say)
     * @return the endpoint's text decoder for {@code type}, or else a JSON decoder for
     *         {@code genericType}
     */
    @SuppressWarnings("unchecked")
    public TextDecoder<Object> textDecoder(Class<?> type, Type genericType) {
        Decoder own = decoders.get(type);
        return own instanceof TextDecoder<?> d ? (TextDecoder<Object>) d : json.decoder(genericType);
    }

    /**
     * The endpoint's binary decoder for {@code type}; deployment has checked that there is one.
     *
     * @param type the parameter's class
     * @return the endpoint's decoder, shared by its sessions
     * @throws IllegalStateException if the endpoint lists no binary decoder for {@code type}
     */
    @SuppressWarnings("unchecked")
    public BinaryDecoder<Object> binaryDecoder(Class<?> type) {
        if (decoders.get(type) instanceof BinaryDecoder<?> d) {
            return (BinaryDecoder<Object>) d;
        }
        throw new IllegalStateException("no binary decoder for " + type.getName());
    }

    /**
     * The encoder for values of {@code type}: one for exactly that type if listed, otherwise the
     * first listed for a supertype of it.
     *
     * @param type the class of the value to send
     * @return the encoder, or empty if none fits (the value is then sent as JSON)
     */
    public Optional<Encoder> encoderFor(Class<?> type) {
        Encoder assignable = null;
        for (Map.Entry<Class<?>, Encoder> e : encoders) {
            if (e.getKey() == type) {
                return Optional.of(e.getValue());
            }
            if (assignable == null && e.getKey().isAssignableFrom(type)) {
                assignable = e.getValue();
            }
        }
        return Optional.ofNullable(assignable);
    }

    /** Collects the instances of an endpoint's codecs. */
    public static final class Builder {
        private final JsonCodec json;
        private final Map<Class<?>, Decoder> decoders = new HashMap<>();
        private final List<Map.Entry<Class<?>, Encoder>> encoders = new ArrayList<>();

        private Builder(JsonCodec json) {
            this.json = json;
        }

        /**
         * Adds a decoder; a second one for the same type replaces the first.
         *
         * @param targetType the type it decodes into
         * @param decoder the instance, shared by every session
         * @return this builder
         */
        public Builder decoder(Class<?> targetType, Decoder decoder) {
            decoders.put(targetType, decoder);
            return this;
        }

        /**
         * Adds an encoder, after those added before (the first that fits a supertype wins).
         *
         * @param targetType the type it encodes
         * @param encoder the instance, shared by every session
         * @return this builder
         */
        public Builder encoder(Class<?> targetType, Encoder encoder) {
            encoders.add(Map.entry(targetType, encoder));
            return this;
        }

        /**
         * The codecs.
         *
         * @return immutable codecs, with copies of what was added
         */
        public Codecs build() {
            return new Codecs(json, decoders, encoders);
        }
    }
}
