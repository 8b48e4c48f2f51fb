package dev.wsf.api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client connects, on top of the {@link WebSocketConfig} every side shares. Immutable;
 * start from {@link #builder()}, whose methods document each default.
 *
 * @since 0.1
 */
public final class ClientConfig extends WebSocketConfig {
    private final Duration connectTimeout;
    private final TlsConfig tls;

    private ClientConfig(Builder b) {
        super(b);
        this.connectTimeout = b.connectTimeout;
        this.tls = b.tls;
    }

    /**
     * A builder holding every default: one I/O thread, a 10 s connect timeout, the JDK's trust
     * store, and the shared defaults of {@link WebSocketConfig.Builder}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration {@link #builder()} builds when nothing is set.
     *
     * @return a configuration with every default
     */
    public static ClientConfig defaults() {
        return builder().build();
    }

    /**
     * Time allowed to establish the TCP connection; the TLS and WebSocket handshakes that follow
     * have {@link #handshakeTimeout()}.
     *
     * @return the timeout, positive; past it the connection attempt fails with a
     *         {@link java.net.ConnectException}
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * TLS for {@code wss://} URIs: trust, host name verification, a client certificate.
     *
     * @return the TLS settings, never null; unused for {@code ws://} URIs
     */
    public TlsConfig tls() {
        return tls;
    }

    /** The builder of {@link ClientConfig}; one I/O thread unless set otherwise. */
    public static final class Builder extends WebSocketConfig.Builder<ClientConfig, Builder> {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private TlsConfig tls = TlsConfig.clientDefaults();

        private Builder() {
            super(1);
        }

        /**
         * Time allowed to establish the TCP connection, before any TLS or WebSocket handshake.
         * Default: 10 s.
         *
         * @param timeout the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException     if {@code timeout} is null
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * TLS for {@code wss://} URIs. Default: the JDK's trust store, host names verified, no
         * client certificate. {@link ConnectOptions#tls()} overrides it per connection.
         *
         * @param tls the TLS settings for {@code wss://} connections
         * @return this builder
         * @throws NullPointerException if {@code tls} is null
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        @Override
        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
