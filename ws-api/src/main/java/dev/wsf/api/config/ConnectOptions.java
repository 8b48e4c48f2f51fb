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

    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Subprotocols to offer, most preferred first, replacing those of the endpoint, if set. */
    public Optional<List<String>> subprotocols() {
        return Optional.ofNullable(subprotocols);
    }

    /** Extra request headers, in order. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** TLS for this connection, replacing the client's, if set. */
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

        /** TLS for this connection ({@code wss://} only), instead of the client's. */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /**
         * Adds a request header. The handshake's own headers (Host, Upgrade, Connection,
         * Sec-WebSocket-*) are set by the client and refused here.
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

        public ConnectOptions build() {
            return new ConnectOptions(this);
        }
    }
}
