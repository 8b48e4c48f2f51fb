package dev.wsf.annotations.codec;

import dev.wsf.api.codec.DecodeException;
import dev.wsf.api.codec.EncodeException;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.codec.TextEncoder;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * How annotated endpoints read and write JSON: message parameters and return values of types
 * that have no decoder or encoder of their own. Backed by Jackson; thread-safe.
 *
 * <p>This is the only class that knows Jackson. Readers are built once per parameter type at
 * deploy time, so a message costs one parse and no lookup.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    private JsonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.writer = mapper.writer();
    }

    /** JSON with Jackson's default settings (records, {@code java.time} and the like work). */
    public static JsonCodec defaults() {
        return new JsonCodec(JsonMapper.builder().build());
    }

    /** JSON with a mapper configured by the application (naming strategy, modules...). */
    public static JsonCodec of(ObjectMapper mapper) {
        return new JsonCodec(mapper);
    }

    /**
     * A decoder of JSON text into {@code type}, which may be generic ({@code List<Item>}). It fails
     * with a {@link DecodeException} (1007) when the text is not JSON or does not fit the type.
     */
    public TextDecoder<Object> decoder(Type type) {
        ObjectReader reader = mapper.readerFor(mapper.constructType(type));
        String typeName = type.getTypeName();
        return text -> {
            try {
                return reader.readValue(text);
            } catch (JacksonException e) {
                throw new DecodeException("text is not a JSON " + typeName + ": " + e.getOriginalMessage(), e);
            }
        };
    }

    /** An encoder of any value as JSON text; fails with an {@link EncodeException}. */
    public TextEncoder<Object> encoder() {
        return value -> {
            try {
                return writer.writeValueAsString(value);
            } catch (JacksonException e) {
                throw new EncodeException("cannot write a " + value.getClass().getName() + " as JSON: "
                        + e.getOriginalMessage(), e);
            }
        };
    }
}
