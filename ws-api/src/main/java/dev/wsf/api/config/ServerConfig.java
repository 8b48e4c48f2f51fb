package dev.wsf.api.config;

import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.topic.TopicBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server listens and what it accepts, on top of the {@link WebSocketConfig} every side
 * shares. Immutable; start from {@link #builder()}, whose methods document each default.
 *
 * @since 0.1
 */
public final class ServerConfig extends WebSocketConfig {
    private final String host;
    private final int port;
    private final int backlog;
    private final OriginPolicy originPolicy;
    private final List<Listener> listeners;
    private final TopicBus topicBus;
    private final Authenticator authenticator;
    private final ConnectionLimits limits;
    private final boolean accessLog;

    private ServerConfig(Builder b) {
        super(b);
        this.host = b.host;
        this.port = b.port;
        this.backlog = b.backlog;
        this.originPolicy = b.originPolicy;
        List<Listener> all = new ArrayList<>();
        all.add(new Listener(b.host, b.port, Optional.ofNullable(b.tls)));
        all.addAll(b.extraListeners);
        this.listeners = List.copyOf(all);
        this.topicBus = b.topicBus;
        this.authenticator = b.authenticator;
        this.limits = b.limits;
        this.accessLog = b.accessLog;
    }

    /**
     * Whether every upgrade and refusal is logged, one line each, to logger {@code dev.wsf.access}.
     *
     * @return true if the access log is on; off by default
     */
    public boolean accessLog() {
        return accessLog;
    }

    /**
     * Who may connect, for endpoints without an authenticator of their own.
     *
     * @return the server-wide authenticator, or empty to let in anyone the origin policy allows
     */
    public Optional<Authenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    /**
     * How many connections the server takes, in all and per client address.
     *
     * @return the limits; {@link ConnectionLimits#unlimited()} unless set
     */
    public ConnectionLimits limits() {
        return limits;
    }

    /**
     * What links this server's topics to other servers', if it is one node of several.
     *
     * @return the bus, or empty for a server whose topics reach only its own sessions
     */
    public Optional<TopicBus> topicBus() {
        return Optional.ofNullable(topicBus);
    }

    /**
     * One address the server listens on, plain or TLS. Every listener serves the same endpoints.
     *
     * @param host the address to bind, e.g. {@code 0.0.0.0}
     * @param port the port; zero picks a free one
     * @param tls  TLS for this listener ({@code wss://}), or empty for plain {@code ws://}
     */
    public record Listener(String host, int port, Optional<TlsConfig> tls) {
        /**
         * Checks the listener.
         *
         * @param host the address to bind, e.g. {@code 0.0.0.0}
         * @param port the port, 0-65535; zero picks a free one
         * @param tls  TLS for this listener, or empty for plain {@code ws://}
         * @throws NullPointerException     if {@code host} or {@code tls} is null
         * @throws IllegalArgumentException if the port is out of range, or {@code tls} has no key
         *                                  material (see {@link TlsConfig#hasKeyMaterial()})
         */
        public Listener {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(tls, "tls");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (tls.isPresent() && !tls.get().hasKeyMaterial()) {
                throw new IllegalArgumentException("a TLS listener needs a certificate: set a key store, PEM files or"
                        + " an SSLContext on its TlsConfig");
            }
        }

        /**
         * A plain listener, serving {@code ws://}.
         *
         * @param host the address to bind, e.g. {@code 0.0.0.0} for every interface
         * @param port the port, 0-65535; zero picks a free one
         * @return the listener
         * @throws IllegalArgumentException if the port is out of range
         */
        public static Listener plain(String host, int port) {
            return new Listener(host, port, Optional.empty());
        }

        /**
         * A TLS listener, serving {@code wss://}.
         *
         * @param host the address to bind, e.g. {@code 0.0.0.0} for every interface
         * @param port the port, 0-65535; zero picks a free one
         * @param tls  the TLS settings, with the server's certificate
         * @return the listener
         * @throws IllegalArgumentException if the port is out of range or {@code tls} has no key
         *                                  material
         */
        public static Listener tls(String host, int port, TlsConfig tls) {
            return new Listener(host, port, Optional.of(tls));
        }

        /**
         * Whether this listener serves {@code wss://}.
         *
         * @return true if {@link #tls()} is present
         */
        public boolean isTls() {
            return tls.isPresent();
        }
    }

    /**
     * A builder holding every default: {@code 0.0.0.0:8080} without TLS, one I/O thread per
     * available processor, the same-origin policy, no connection limits, and the shared defaults
     * of {@link WebSocketConfig.Builder}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults, listening on port 8080 of every interface.
     *
     * @return the configuration {@link #builder()} builds when nothing is set
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /**
     * A builder with the settings found in the process's environment: {@code WSF_PORT},
     * {@code WSF_TLS_CERT} and the rest of the variables the README's table lists (each is the
     * setting's name in upper case, dots and dashes as underscores, after {@code WSF_}). Settings
     * absent keep their defaults; settings that only code can make (an authenticator, a topic
     * bus, a worker executor) are added to the builder as usual.
     *
     * <pre>{@code
     * ServerConfig config = ServerConfig.fromEnvironment()          // WSF_PORT=8443 WSF_TLS_CERT=...
     *         .authenticator(tokens)
     *         .build();
     * }</pre>
     *
     * @throws IllegalArgumentException naming the variable, for a value that does not parse or is
     *                                  out of range, TLS settings that do not go together, or a
     *                                  variable one or two letters away from a setting's name
     *                                  ({@code WSF_PROT}); other {@code WSF_} variables are ignored
     * @return a new builder holding the defaults and, over them, the settings the environment has
     */
    public static Builder fromEnvironment() {
        return builder().applyEnvironment(System.getenv());
    }

    /**
     * A builder with the settings found in {@code properties} (a {@link java.util.Properties}, or
     * any map of strings) under {@code prefix}: with prefix {@code "wsf."}, {@code wsf.port},
     * {@code wsf.tls.cert} and the rest of the README's table. For example, from system properties:
     * {@code ServerConfig.fromProperties(System.getProperties(), "wsf.")}.
     *
     * @param properties the settings; entries whose key or value is not a string are ignored
     * @param prefix     what every setting's key starts with, e.g. {@code "wsf."}; may be empty
     * @return a new builder holding the defaults and, over them, the settings found
     * @throws IllegalArgumentException as {@link #fromEnvironment()} does, naming the property
     * @throws NullPointerException     if {@code properties} or {@code prefix} is null
     */
    public static Builder fromProperties(Map<?, ?> properties, String prefix) {
        return builder().applyProperties(properties, prefix);
    }

    /**
     * The address the main listener binds; see {@link #listeners()} for all of them.
     *
     * @return a host name or IP literal; {@code 0.0.0.0} (every interface) by default
     */
    public String host() {
        return host;
    }

    /**
     * The port of the main listener, as configured.
     *
     * @return 0-65535, 8080 by default; zero means a free port chosen when the server starts
     */
    public int port() {
        return port;
    }

    /**
     * How many accepted connections the operating system may queue before the server takes them;
     * the operating system may lower it (e.g. to Linux's {@code net.core.somaxconn}).
     *
     * @return the listen backlog of every listener, 1024 by default
     */
    public int backlog() {
        return backlog;
    }

    /**
     * Which browser origins may open a session; others are answered 403.
     *
     * @return the policy; {@link OriginPolicy#sameOrigin()} by default
     */
    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    /**
     * Where the server listens: first the one set by {@link Builder#host}, {@link Builder#port}
     * and {@link Builder#tls}, then those added with {@link Builder#listener}.
     *
     * @return the listeners, never empty
     */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The builder of {@link ServerConfig}; I/O threads default to one per available processor. */
    public static final class Builder extends WebSocketConfig.Builder<ServerConfig, Builder> {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int backlog = 1024;
        private OriginPolicy originPolicy = OriginPolicy.sameOrigin();
        private TlsConfig tls;
        private final List<Listener> extraListeners = new ArrayList<>();
        private TopicBus topicBus;
        private Authenticator authenticator;
        private ConnectionLimits limits = ConnectionLimits.unlimited();
        private boolean accessLog;

        private Builder() {
            super(Runtime.getRuntime().availableProcessors());
        }

        /**
         * The address the main listener binds. Default: {@code 0.0.0.0} (every interface).
         *
         * @param host a host name or IP literal, e.g. {@code 127.0.0.1} for local connections only
         * @return this builder
         * @throws NullPointerException if {@code host} is null
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /**
         * The port of the main listener. Default: 8080. Zero picks a free port (see the server's
         * bound address).
         *
         * @param port the port, 0-65535
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The listen backlog: how many accepted connections the operating system may queue
         * before the server takes them, for every listener. Default: 1024.
         *
         * @param backlog the backlog, positive; the operating system may cap it
         * @return this builder
         * @throws IllegalArgumentException if {@code backlog} is zero or negative
         */
        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        /**
         * Which browser origins may open a session; a refused upgrade is answered 403. Default:
         * {@link OriginPolicy#sameOrigin()}.
         *
         * @param policy the policy, e.g. {@link OriginPolicy#allowList(String...)}
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Serves {@code wss://} instead of {@code ws://} on the main listener (host and port).
         * Default: no TLS.
         *
         * @param tls the TLS settings; {@link #build()} fails with
         *            {@link IllegalArgumentException} if they have no key material
         * @return this builder
         * @throws NullPointerException if {@code tls} is null
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        /**
         * Listens on another address too, e.g. 8443 with TLS beside 8080 plain, for the same endpoints.
         * Each call adds one listener after the main one.
         *
         * @param listener the extra listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(Listener listener) {
            extraListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Authenticates the clients of every endpoint that has no authenticator of its own.
         * Default: none, every client is let in.
         *
         * @param authenticator checks each upgrade request before the endpoint sees it
         * @return this builder
         * @throws NullPointerException if {@code authenticator} is null
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        /**
         * Logs one line per upgrade or refusal (time, remote address, path, status, subprotocol,
         * extensions, duration, session id) at INFO to the {@code System.Logger} named
         * {@code dev.wsf.access}, which can be routed or silenced on its own. Default: off.
         *
         * @param on true to log every upgrade and refusal
         * @return this builder
         */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /**
         * Applies the settings found in {@code environment} ({@code WSF_PORT}...), as
         * {@link ServerConfig#fromEnvironment()} describes, over what this builder holds.
         *
         * @param environment variables by name, e.g. {@code System.getenv()}; only names starting
         *                    with {@code WSF_} are read
         * @return this builder
         * @throws IllegalArgumentException naming the variable, for a value that does not parse or
         *                                  is out of range, TLS settings that do not go together,
         *                                  or a likely misspelt setting name
         */
        public Builder applyEnvironment(Map<String, String> environment) {
            ServerSettings.apply(this, environment, ServerSettings.ENVIRONMENT_PREFIX, true);
            return this;
        }

        /**
         * Applies the settings found in {@code properties} under {@code prefix}, as
         * {@link ServerConfig#fromProperties} describes, over what this builder holds: e.g. system
         * properties over the environment,
         * {@code ServerConfig.fromEnvironment().applyProperties(System.getProperties(), "wsf.")}.
         *
         * @param properties the settings; entries whose key or value is not a string are ignored
         * @param prefix     what every setting's key starts with, e.g. {@code "wsf."}; may be empty
         * @return this builder
         * @throws IllegalArgumentException naming the property, for a value that does not parse or
         *                                  is out of range, TLS settings that do not go together,
         *                                  or a likely misspelt setting name
         * @throws NullPointerException     if {@code prefix} is null
         */
        public Builder applyProperties(Map<?, ?> properties, String prefix) {
            ServerSettings.apply(this, properties, Objects.requireNonNull(prefix, "prefix"), false);
            return this;
        }

        ConnectionLimits currentLimits() {
            return limits;
        }

        /**
         * How many connections the server takes, and which proxies it trusts. Default:
         * {@link ConnectionLimits#unlimited()}.
         *
         * @param limits the limits, replacing any set before (including by settings applied)
         * @return this builder
         * @throws NullPointerException if {@code limits} is null
         */
        public Builder limits(ConnectionLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * Makes this server one node of several whose topics are linked through a broker (Redis,
         * NATS): a message published on any node reaches the topic's subscribers on every node.
         * Default: none, topics stay on this server.
         *
         * @param bus the bus, e.g. from {@code wsf-cluster-redis} or {@code wsf-cluster-nats}
         * @return this builder
         * @throws NullPointerException if {@code bus} is null
         */
        public Builder topicBus(TopicBus bus) {
            this.topicBus = Objects.requireNonNull(bus);
            return this;
        }

        @Override
        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
