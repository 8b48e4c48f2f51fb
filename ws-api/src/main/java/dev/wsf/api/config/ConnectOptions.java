package dev.wsf.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one client connection asks for beyond the client's configuration: subprotocols to offer
 * and extra request headers (cookies, authorization, Origin). Immutable.
 *
 * @since 0.1
 */
public final class ConnectOptions {
    private static final ConnectOptions DEFAULTS = builder().build();

    private final List<String> subprotocols;
    private final List<Map.Entry<String, String>> headers;
    private final TlsConfig tls;

    private ConnectOptions(Builder b) {
        this.subprotocols = b.subprotocols == null ? null : List.copyOf(b.subprotocols);
        this.headers = List.copyOf(b.headers);
        this.tls = b.tls;
    }

    /**
     * No options: the endpoint's subprotocols, no extra headers, the client's TLS.
     *
     * @return the shared empty options
     */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder with nothing set, as {@link #defaults()} has.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Subprotocols to offer, most preferred first, replacing those of the endpoint, if set.
     *
     * @return the subprotocols, or empty to offer the endpoint's; a present empty list offers none
     */
    public Optional<List<String>> subprotocols() {
        return Optional.ofNullable(subprotocols);
    }

    /**
     * Extra request headers, in order.
     *
     * @return the name and value pairs, sent in the upgrade request in the order they were added;
     *         a name added twice is sent twice
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * TLS for this connection, replacing the client's, if set.
     *
     * @return the TLS settings, or empty to use {@link ClientConfig#tls()}
     */
    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** The builder of {@link ConnectOptions}. */
    public static final class Builder {
        private static final List<String> RESERVED = List.of("host", "upgrade", "connection", "sec-websocket-key",
                "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");

        private List<String> subprotocols;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private TlsConfig tls;

        private Builder() {
        }

        /**
         * TLS for this connection ({@code wss://} only), instead of the client's. Default: the
         * client's {@link ClientConfig#tls()}.
         *
         * @param tls the TLS settings; its files are read when the connection is made
         * @return this builder
         * @throws NullPointerException if {@code tls} is null
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        /**
         * Subprotocols to offer in {@code Sec-WebSocket-Protocol}, instead of the endpoint's.
         * Default: the endpoint's.
         *
         * @param names the subprotocols, most preferred first; none to offer no subprotocol
         * @return this builder
         * @throws NullPointerException if {@code names} or one of them is null
         */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /**
         * Adds a request header. The handshake's own headers (Host, Upgrade, Connection,
         * Sec-WebSocket-*) are set by the client and refused here.
         *
         * @param name  the header name, e.g. {@code Authorization} or {@code Cookie}
         * @param value the header value, sent as it is
         * @return this builder
         * @throws IllegalArgumentException if the name is one the client sets itself, or the name
         *                                  or value contains CR or LF
         * @throws NullPointerException     if {@code name} or {@code value} is null
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
            if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is set by the client itself");
            }
            if ((name + value).indexOf('\r') >= 0 || (name + value).indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header must not contain CR or LF: " + name);
            }
            headers.add(Map.entry(name, value));
            return this;
        }

        /**
         * The options set so far.
         *
         * @return new, immutable options
         */
        public ConnectOptions build() {
            return new ConnectOptions(this);
        }
    }
}
