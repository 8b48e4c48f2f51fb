package dev.wsf.api.config;

import java.util.Objects;

/**
 * How a server listens and what it accepts, on top of the {@link WebSocketConfig} every side
 * shares. Immutable; start from {@link #builder()}, whose methods document each default.
 */
public final class ServerConfig extends WebSocketConfig {
    private final String host;
    private final int port;
    private final int backlog;
    private final OriginPolicy originPolicy;

    private ServerConfig(Builder b) {
        super(b);
        this.host = b.host;
        this.port = b.port;
        this.backlog = b.backlog;
        this.originPolicy = b.originPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, listening on port 8080 of every interface. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int backlog() {
        return backlog;
    }

    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    /** The builder of {@link ServerConfig}; I/O threads default to one per available processor. */
    public static final class Builder extends WebSocketConfig.Builder<ServerConfig, Builder> {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int backlog = 1024;
        private OriginPolicy originPolicy = OriginPolicy.sameOrigin();

        private Builder() {
            super(Runtime.getRuntime().availableProcessors());
        }

        /** The address to bind. Default: {@code 0.0.0.0} (every interface). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Default: 8080. Zero picks a free port (see the server's bound address). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The listen backlog. Default: 1024. */
        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        /** Default: {@link OriginPolicy#sameOrigin()}. */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy);
            return this;
        }

        @Override
        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
