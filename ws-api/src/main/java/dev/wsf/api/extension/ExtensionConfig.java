package dev.wsf.api.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An extension with its parameters, as it appears in one element of a
 * {@code Sec-WebSocket-Extensions} header: a client's offer or a server's response.
 * Immutable; parameter order is kept.
 *
 * @since 0.1
 */
public final class ExtensionConfig {
    private final String name;
    private final List<ExtensionParameter> parameters;

    /**
     * Creates a config.
     *
     * @param name the extension token, such as {@code permessage-deflate}
     * @param parameters its parameters, in order; copied
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws NullPointerException if {@code parameters} or one of them is null
     */
    public ExtensionConfig(String name, List<ExtensionParameter> parameters) {
        this.name = HeaderTokens.requireToken(name, "extension name");
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Creates a config from parameters given inline.
     *
     * @param name the extension token, such as {@code permessage-deflate}
     * @param parameters its parameters, in order
     * @return the config
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     * @throws NullPointerException if a parameter is null
     */
    public static ExtensionConfig of(String name, ExtensionParameter... parameters) {
        return new ExtensionConfig(name, List.of(parameters));
    }

    /**
     * Parses the values of every {@code Sec-WebSocket-Extensions} header of a message, in order.
     *
     * @param headerValues the raw header values, one per header line
     * @return the extensions in header order, unmodifiable; quoted parameter values are unquoted
     * @throws IllegalArgumentException if a value does not follow RFC 6455 section 9.1
     */
    public static List<ExtensionConfig> parse(List<String> headerValues) {
        List<ExtensionConfig> result = new ArrayList<>();
        for (String value : headerValues) {
            result.addAll(new ExtensionHeaderParser(value).parse());
        }
        return List.copyOf(result);
    }

    /**
     * Parses one {@code Sec-WebSocket-Extensions} header value.
     *
     * @param headerValue one raw header value, possibly listing several extensions
     * @return the extensions in order, unmodifiable
     * @throws IllegalArgumentException if the value does not follow RFC 6455 section 9.1
     */
    public static List<ExtensionConfig> parse(String headerValue) {
        return parse(List.of(headerValue));
    }

    /**
     * Renders a list as one {@code Sec-WebSocket-Extensions} header value.
     *
     * @param extensions the extensions, in the order they should appear
     * @return their {@link #toString()} forms joined with {@code ", "}; empty for an empty list
     */
    public static String toHeaderValue(List<ExtensionConfig> extensions) {
        return extensions.stream().map(ExtensionConfig::toString).collect(Collectors.joining(", "));
    }

    /**
     * The registered extension token, e.g. {@code permessage-deflate}.
     *
     * @return the name, always a valid HTTP token
     */
    public String name() {
        return name;
    }

    /**
     * The parameters, in header order.
     *
     * @return an unmodifiable list; empty if the extension has none
     */
    public List<ExtensionParameter> parameters() {
        return parameters;
    }

    /**
     * The first parameter with this name (names compare case-sensitively, as tokens do).
     *
     * @param parameterName the parameter's name, such as {@code server_max_window_bits}
     * @return the parameter, or empty if absent
     */
    public Optional<ExtensionParameter> parameter(String parameterName) {
        for (ExtensionParameter p : parameters) {
            if (p.name().equals(parameterName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** How this extension appears in a header, e.g. {@code permessage-deflate; client_max_window_bits}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (ExtensionParameter p : parameters) {
            sb.append("; ").append(p);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionConfig c && name.equals(c.name) && parameters.equals(c.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters);
    }
}
