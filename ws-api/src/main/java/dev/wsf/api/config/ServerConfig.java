package dev.wsf.api.config;

import dev.wsf.api.extension.ExtensionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * How a server listens, what it accepts and how long it waits. Immutable; start from
 * {@link #builder()}, whose methods document each default.
 */
public final class ServerConfig {
    private final String host;
    private final int port;
    private final int ioThreads;
    private final int backlog;
    private final int maxHandshakeSize;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final Duration closeTimeout;
    private final long maxFrameSize;
    private final long maxTextMessageSize;
    private final long maxBinaryMessageSize;
    private final long maxBufferedOutput;
    private final OriginPolicy originPolicy;
    private final List<ExtensionFactory> extensions;
    private final boolean discoverExtensions;
    private final Set<String> disabledExtensions;
    private final Executor workerExecutor;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.ioThreads = b.ioThreads;
        this.backlog = b.backlog;
        this.maxHandshakeSize = b.maxHandshakeSize;
        this.handshakeTimeout = b.handshakeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.heartbeatInterval = b.heartbeatInterval;
        this.heartbeatTimeout = b.heartbeatTimeout.isZero() ? b.heartbeatInterval : b.heartbeatTimeout;
        this.closeTimeout = b.closeTimeout;
        this.maxFrameSize = b.maxFrameSize;
        this.maxTextMessageSize = b.maxTextMessageSize;
        this.maxBinaryMessageSize = b.maxBinaryMessageSize;
        this.maxBufferedOutput = b.maxBufferedOutput;
        this.originPolicy = b.originPolicy;
        this.extensions = List.copyOf(b.extensions);
        this.discoverExtensions = b.discoverExtensions;
        this.disabledExtensions = Set.copyOf(b.disabledExtensions);
        this.workerExecutor = b.workerExecutor;
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

    public int ioThreads() {
        return ioThreads;
    }

    public int backlog() {
        return backlog;
    }

    public int maxHandshakeSize() {
        return maxHandshakeSize;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Zero means sessions never time out for inactivity. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Zero means the server sends no heartbeat pings. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public long maxFrameSize() {
        return maxFrameSize;
    }

    public long maxTextMessageSize() {
        return maxTextMessageSize;
    }

    public long maxBinaryMessageSize() {
        return maxBinaryMessageSize;
    }

    public long maxBufferedOutput() {
        return maxBufferedOutput;
    }

    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    /** Factories given explicitly; they win over discovered ones with the same name. */
    public List<ExtensionFactory> extensions() {
        return extensions;
    }

    /** Whether factories listed in {@code META-INF/services} are used too. */
    public boolean discoverExtensions() {
        return discoverExtensions;
    }

    /** Extension names never negotiated, whatever provides them. */
    public Set<String> disabledExtensions() {
        return disabledExtensions;
    }

    /** The executor for {@link dev.wsf.api.endpoint.Dispatch#WORKER} callbacks, if one was given. */
    public Optional<Executor> workerExecutor() {
        return Optional.ofNullable(workerExecutor);
    }

    /** The builder of {@link ServerConfig}. */
    public static final class Builder {
        private static final long MIB = 1024 * 1024;

        private String host = "0.0.0.0";
        private int port = 8080;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int backlog = 1024;
        private int maxHandshakeSize = 8192;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ZERO;
        private Duration heartbeatInterval = Duration.ZERO;
        private Duration heartbeatTimeout = Duration.ZERO;
        private Duration closeTimeout = Duration.ofSeconds(5);
        private long maxFrameSize = 4 * MIB;
        private long maxTextMessageSize = 4 * MIB;
        private long maxBinaryMessageSize = 4 * MIB;
        private long maxBufferedOutput = 16 * MIB;
        private OriginPolicy originPolicy = OriginPolicy.sameOrigin();
        private List<ExtensionFactory> extensions = List.of();
        private boolean discoverExtensions = true;
        private Set<String> disabledExtensions = Set.of();
        private Executor workerExecutor;

        private Builder() {
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

        /** Selector threads. Default: one per available processor. */
        public Builder ioThreads(int threads) {
            this.ioThreads = positive(threads, "ioThreads");
            return this;
        }

        /** The listen backlog. Default: 1024. */
        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        /** Largest upgrade request (request line and headers); larger ones get 431. Default: 8 KiB. */
        public Builder maxHandshakeSize(int bytes) {
            this.maxHandshakeSize = positive(bytes, "maxHandshakeSize");
            return this;
        }

        /** Time a client has to send its whole upgrade request. Default: 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /** Close (1001) sessions with no traffic either way for this long. Default: zero, never. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return this;
        }

        /** Ping every session this often. Default: zero, no heartbeat. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = nonNegative(interval, "heartbeatInterval");
            return this;
        }

        /** Drop a session whose pong is this late. Default: the heartbeat interval. */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeatTimeout");
            return this;
        }

        /** How long to wait for the peer's side of a close handshake. Default: 5 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return this;
        }

        /** Largest frame payload accepted; larger frames fail with 1009 before buffering. Default: 4 MiB. */
        public Builder maxFrameSize(long bytes) {
            this.maxFrameSize = positive(bytes, "maxFrameSize");
            return this;
        }

        /** Largest text message (UTF-8 bytes); larger ones fail with 1009. Default: 4 MiB. */
        public Builder maxTextMessageSize(long bytes) {
            this.maxTextMessageSize = positive(bytes, "maxTextMessageSize");
            return this;
        }

        /** Largest binary message; larger ones fail with 1009. Default: 4 MiB. */
        public Builder maxBinaryMessageSize(long bytes) {
            this.maxBinaryMessageSize = positive(bytes, "maxBinaryMessageSize");
            return this;
        }

        /** Sets both message limits. */
        public Builder maxMessageSize(long bytes) {
            return maxTextMessageSize(bytes).maxBinaryMessageSize(bytes);
        }

        /**
         * Bytes a session may have queued for a slow peer; a send beyond it fails (the session
         * stays open). Default: 16 MiB.
         */
        public Builder maxBufferedOutput(long bytes) {
            this.maxBufferedOutput = positive(bytes, "maxBufferedOutput");
            return this;
        }

        /** Default: {@link OriginPolicy#sameOrigin()}. */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** Extension factories to use, in preference to discovered ones of the same name. */
        public Builder extensions(ExtensionFactory... factories) {
            this.extensions = List.of(factories);
            return this;
        }

        /** Whether to use factories from {@code META-INF/services}. Default: true. */
        public Builder discoverExtensions(boolean discover) {
            this.discoverExtensions = discover;
            return this;
        }

        /** Extension names never to negotiate. Default: none. */
        public Builder disableExtensions(String... names) {
            this.disabledExtensions = Set.of(names);
            return this;
        }

        /**
         * Runs {@link dev.wsf.api.endpoint.Dispatch#WORKER} callbacks. Default: virtual threads
         * on Java 21 and later, else a pool of daemon threads.
         */
        public Builder workerExecutor(Executor executor) {
            this.workerExecutor = Objects.requireNonNull(executor);
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration nonNegative(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
