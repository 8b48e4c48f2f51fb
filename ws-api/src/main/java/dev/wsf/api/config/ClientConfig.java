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

    public static Builder builder() {
        return new Builder();
    }

    public static ClientConfig defaults() {
        return builder().build();
    }

    /** Time allowed to establish the TCP connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** TLS for {@code wss://} URIs: trust, host name verification, a client certificate. */
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

        /** Default: 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * TLS for {@code wss://} URIs. Default: the JDK's trust store, host names verified, no
         * client certificate. {@link ConnectOptions#tls()} overrides it per connection.
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
