package dev.wsf.api.config;

import java.time.Duration;

/**
 * How a client connects, on top of the {@link WebSocketConfig} every side shares. Immutable;
 * start from {@link #builder()}, whose methods document each default.
 */
public final class ClientConfig extends WebSocketConfig {
    private final Duration connectTimeout;

    private ClientConfig(Builder b) {
        super(b);
        this.connectTimeout = b.connectTimeout;
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

    /** The builder of {@link ClientConfig}; one I/O thread unless set otherwise. */
    public static final class Builder extends WebSocketConfig.Builder<ClientConfig, Builder> {
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
            super(1);
        }

        /** Default: 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        @Override
        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
