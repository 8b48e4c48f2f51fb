package dev.wsf.annotated.codec;

import dev.wsf.annotated.codec.internal.JsonAccess;
import dev.wsf.api.CloseCode;
import dev.wsf.api.codec.DecodeException;
import dev.wsf.api.codec.EncodeException;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.codec.TextEncoder;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * How annotated endpoints read and write JSON: message parameters and return values of types
 * that have no decoder or encoder of their own. Backed by Jackson; thread-safe.
 *
 * <h2>Strict by default</h2>
 * A client's message is input from outside, so {@link #strict()} (the default) refuses what a
 * lenient reader would quietly turn into wrong values:
 * <ul>
 * <li>a property the type does not have ({@code {"item":"tea","qantity":2}});</li>
 * <li>a missing record component (or {@code @JsonCreator} parameter) of a primitive type, which
 *     would otherwise read as {@code 0} or {@code false}; a missing component of a reference
 *     type reads as {@code null} (or an empty {@code Optional});</li>
 * <li>{@code null} for a primitive, and a fraction for an integer ({@code 1.5} for an
 *     {@code int});</li>
 * <li>anything after the JSON value.</li>
 * </ul>
 * Each closes the session with 1007 (invalid payload data). {@link #lenient()} is Jackson's own
 * defaults, which accept all of these; {@link #of} takes a mapper configured by the application.
 *
 * <h2>What the peer is told</h2>
 * A message that does not decode fails with a {@link DecodeException} whose message, the close
 * reason the peer receives, names the rule it broke and where ({@code malformed JSON},
 * {@code unknown property "qantity"}, {@code missing or invalid value at "quantity"}), never a
 * Java class or the parser's own words: those stay in the exception's cause, for the server's
 * log and the endpoint's {@code @OnError} method. A type Jackson cannot read at all is the server's
 * fault, not the peer's: 1011 with no reason. On the module path that includes a class of a package
 * not open to Jackson's module {@code tools.jackson.databind}; the cause then names the class and
 * the {@code opens} line its module-info.java needs (see the {@code dev.wsf.annotated} module).
 *
 * <p>This is the only class that knows Jackson, with its internal helper that tells whether Jackson
 * can reach a class on the module path. Readers are built once per parameter type at
 * deploy time, so a message costs one parse and no lookup.
 *
 * @since 0.1
 */
public final class JsonCodec {
    /** Longest property path named in a close reason; longer ones are left out. */
    private static final int MAX_PATH = 60;

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    private JsonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.writer = mapper.writer();
    }

    /**
     * The default: {@link #strict()}.
     *
     * @return the same settings as {@link #strict()}: a new codec
     */
    public static JsonCodec defaults() {
        return strict();
    }

    /**
     * JSON that refuses unknown properties, missing primitive record components, nulls for
     * primitives and fractions for integers (see the class description); otherwise Jackson's
     * defaults (records, {@code java.time} and the like work).
     *
     * @return a new codec with its own mapper
     */
    public static JsonCodec strict() {
        return new JsonCodec(JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .annotationIntrospector(new PrimitiveCreatorPropertiesRequired())
                .build());
    }

    /**
     * JSON with Jackson's default settings, which ignore unknown properties and read a missing
     * primitive as its zero value: for clients that send more than the server reads.
     *
     * @return a new codec with its own mapper
     */
    public static JsonCodec lenient() {
        return new JsonCodec(JsonMapper.builder().build());
    }

    /**
     * JSON with a mapper configured by the application (naming strategy, modules, strictness...).
     *
     * @param mapper the mapper that reads and writes every JSON message; it is used as it is, not copied
     * @return a codec on {@code mapper}
     * @throws NullPointerException if {@code mapper} is null
     */
    public static JsonCodec of(ObjectMapper mapper) {
        return new JsonCodec(mapper);
    }

    /**
     * A decoder of JSON text into {@code type}, which may be generic ({@code List<Item>}). It fails
     * with a {@link DecodeException}: 1007 when the text is not JSON or does not fit the type, 1011
     * when the type itself cannot be read as JSON (a server fault, such as a class without a
     * usable constructor).
     *
     * @param type the Java type of the messages, possibly parameterized
     * @return a thread-safe decoder, one reader of this codec's mapper for that type
     */
    public TextDecoder<Object> decoder(Type type) {
        ObjectReader reader = mapper.readerFor(mapper.constructType(type));
        return text -> {
            try {
                return reader.readValue(text);
            } catch (JacksonException e) {
                throw failure(e, type);
            }
        };
    }

    /**
     * An encoder of any value as JSON text; fails with an {@link EncodeException}.
     *
     * @return a thread-safe encoder that writes with this codec's mapper
     */
    public TextEncoder<Object> encoder() {
        return value -> {
            try {
                return writer.writeValueAsString(value);
            } catch (JacksonException e) {
                throw new EncodeException("cannot write a " + value.getClass().getName() + " as JSON: "
                        + e.getOriginalMessage() + accessFix(e, value.getClass()), e);
            }
        };
    }

    /** The exception whose message says, for the peer, which rule the text broke; the details are its cause. */
    private static DecodeException failure(JacksonException e, Type type) {
        if (e instanceof InvalidDefinitionException) {
            return new DecodeException(CloseCode.INTERNAL_ERROR, "", e);
        }
        if (JsonAccess.isAccessFailure(e)) { // a server fault: the peer is told nothing, the log how to fix it
            return new DecodeException(CloseCode.INTERNAL_ERROR, "", new IllegalStateException("cannot read a "
                    + type.getTypeName() + " from JSON: " + e.getOriginalMessage() + accessFix(e, type), e));
        }
        if (e instanceof StreamReadException || !(e instanceof DatabindException)) {
            return new DecodeException("malformed JSON", e);
        }
        String path = path(e.getPath());
        if (e instanceof PropertyBindingException) {
            return new DecodeException(path.isEmpty() ? "unknown property" : "unknown property " + path, e);
        }
        if (e instanceof ValueInstantiationException) {
            return new DecodeException(path.isEmpty() ? "invalid value" : "invalid value at " + path, e);
        }
        return new DecodeException(path.isEmpty() ? "JSON value of the wrong type"
                : "missing or invalid value at " + path, e);
    }

    /**
     * For a failure because Jackson may not reach a class of a named module: the fix, naming the
     * package and the line its module-info.java needs; otherwise empty.
     */
    private static String accessFix(JacksonException e, Type type) {
        if (!JsonAccess.isAccessFailure(e)) {
            return "";
        }
        return JsonAccess.unreachable(type).map(c -> ". Fix: " + JsonAccess.fix(c, null))
                .orElse(". Fix: open the package of the class named above to module " + JsonAccess.jacksonModule());
    }

    /**
     * Where in the message the problem is, as {@code "items"[2]."quantity"}, or empty if it has
     * no path or a property name that should not be echoed (too long, or not printable ASCII).
     */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : references) {
            String name = r.getPropertyName();
            if (name != null) {
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                        return "";
                    }
                }
                sb.append(sb.length() == 0 ? "" : ".").append('"').append(name).append('"');
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
            if (sb.length() > MAX_PATH) {
                return "";
            }
        }
        return sb.toString();
    }

    /**
     * Treats every primitive creator parameter (a record's {@code int} component, say) as
     * required unless annotated otherwise, so that a missing one fails instead of reading as zero.
     */
    private static final class PrimitiveCreatorPropertiesRequired extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
            Boolean declared = super.hasRequiredMarker(config, member);
            if (declared == null && member instanceof AnnotatedParameter && member.getRawType().isPrimitive()) {
                return Boolean.TRUE;
            }
            return declared;
        }
    }
}
