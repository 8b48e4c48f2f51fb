package dev.wsf.api.extension;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of an extension offer or response, e.g. {@code client_max_window_bits} (no
 * value) or {@code server_max_window_bits=10}.
 *
 * @since 0.1
 */
public final class ExtensionParameter {
    private final String name;
    private final String value;

    private ExtensionParameter(String name, String value) {
        this.name = HeaderTokens.requireToken(name, "extension parameter name");
        this.value = value == null ? null : HeaderTokens.requireToken(value, "extension parameter value");
    }

    /**
     * A parameter without a value.
     *
     * @param name the parameter's name, such as {@code client_max_window_bits}
     * @return the parameter
     * @throws IllegalArgumentException if {@code name} is not an HTTP token
     */
    public static ExtensionParameter of(String name) {
        return new ExtensionParameter(name, null);
    }

    /**
     * A parameter with a value; the value must be an HTTP token (RFC 6455 section 9.1).
     *
     * @param name the parameter's name, such as {@code server_max_window_bits}
     * @param value the value, unquoted, such as {@code 10}
     * @return the parameter
     * @throws IllegalArgumentException if {@code name} or {@code value} is not an HTTP token
     * @throws NullPointerException if {@code value} is null
     */
    public static ExtensionParameter of(String name, String value) {
        return new ExtensionParameter(name, Objects.requireNonNull(value, "value"));
    }

    /**
     * The parameter's name, an HTTP token.
     *
     * @return the name; never null
     */
    public String name() {
        return name;
    }

    /**
     * The parameter's value, unquoted.
     *
     * @return the value, or empty for a parameter written without one
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** How the parameter appears in a header: {@code name} or {@code name=value}. */
    @Override
    public String toString() {
        return value == null ? name : name + '=' + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionParameter p && name.equals(p.name) && Objects.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Objects.hashCode(value);
    }
}
