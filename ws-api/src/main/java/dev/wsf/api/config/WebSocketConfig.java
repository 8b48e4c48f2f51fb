package dev.wsf.api.config;

import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.api.metrics.WebSocketMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What servers and clients configure alike: threads, size limits, timeouts and extensions.
 * Immutable; see {@link ServerConfig} and {@link ClientConfig}, whose builders document each
 * default.
 *
 * @since 0.1
 */
public abstract class WebSocketConfig {
    private final int ioThreads;
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
    private final long memoryBudget;
    private final WebSocketMetrics metrics;
    private final List<ExtensionFactory> extensions;
    private final boolean discoverExtensions;
    private final Set<String> disabledExtensions;
    private final Executor workerExecutor;

    protected WebSocketConfig(Builder<?, ?> b) {
        this.ioThreads = b.ioThreads;
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
        this.memoryBudget = b.memoryBudget;
        this.metrics = b.metrics;
        this.extensions = List.copyOf(b.extensions);
        this.discoverExtensions = b.discoverExtensions;
        this.disabledExtensions = Set.copyOf(b.disabledExtensions);
        this.workerExecutor = b.workerExecutor;
    }

    public int ioThreads() {
        return ioThreads;
    }

    /** Largest HTTP head of the upgrade request (server) or response (client). */
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

    /** Zero means no heartbeat pings. */
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

    /** The memory all connections may hold together; see {@link Builder#memoryBudget(long)}. */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** Who is told what happens, for metrics; {@link WebSocketMetrics#NONE} by default. */
    public WebSocketMetrics metrics() {
        return metrics;
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

    /**
     * The settings every builder shares.
     *
     * @param <C> the configuration built
     * @param <B> the concrete builder, returned by each setter for chaining
     */
    public abstract static class Builder<C extends WebSocketConfig, B extends Builder<C, B>> {
        private static final long MIB = 1024 * 1024;

        private int ioThreads;
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
        private long memoryBudget = defaultMemoryBudget();
        private WebSocketMetrics metrics = WebSocketMetrics.NONE;
        private List<ExtensionFactory> extensions = List.of();
        private boolean discoverExtensions = true;
        private Set<String> disabledExtensions = Set.of();
        private Executor workerExecutor;

        protected Builder(int defaultIoThreads) {
            this.ioThreads = defaultIoThreads;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public abstract C build();

        /** Selector (I/O) threads. */
        public B ioThreads(int threads) {
            this.ioThreads = positive(threads, "ioThreads");
            return self();
        }

        /** Largest HTTP head of the handshake; a larger request gets 431. Default: 8 KiB. */
        public B maxHandshakeSize(int bytes) {
            this.maxHandshakeSize = positive(bytes, "maxHandshakeSize");
            return self();
        }

        /** Time allowed for the whole upgrade request (server) or response (client). Default: 10 s. */
        public B handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return self();
        }

        /** Close (1001) sessions with no traffic either way for this long. Default: zero, never. */
        public B idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return self();
        }

        /** Ping every session this often. Default: zero, no heartbeat. */
        public B heartbeatInterval(Duration interval) {
            this.heartbeatInterval = nonNegative(interval, "heartbeatInterval");
            return self();
        }

        /** Drop a session whose pong is this late. Default: the heartbeat interval. */
        public B heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeatTimeout");
            return self();
        }

        /** How long to wait for the peer's side of a close handshake. Default: 5 s. */
        public B closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return self();
        }

        /** Largest frame payload accepted; larger frames fail with 1009 before buffering. Default: 4 MiB. */
        public B maxFrameSize(long bytes) {
            this.maxFrameSize = positive(bytes, "maxFrameSize");
            return self();
        }

        /** Largest text message (UTF-8 bytes); larger ones fail with 1009. Default: 4 MiB. */
        public B maxTextMessageSize(long bytes) {
            this.maxTextMessageSize = positive(bytes, "maxTextMessageSize");
            return self();
        }

        /** Largest binary message; larger ones fail with 1009. Default: 4 MiB. */
        public B maxBinaryMessageSize(long bytes) {
            this.maxBinaryMessageSize = positive(bytes, "maxBinaryMessageSize");
            return self();
        }

        /** Sets both message limits. */
        public B maxMessageSize(long bytes) {
            return maxTextMessageSize(bytes).maxBinaryMessageSize(bytes);
        }

        /**
         * Bytes a session may have queued for a peer that reads too slowly. A send that would go
         * beyond it fails and the session is closed with 1008 (a single message larger than the
         * limit is still sent when nothing else is queued). Default: 16 MiB.
         */
        public B maxBufferedOutput(long bytes) {
            this.maxBufferedOutput = positive(bytes, "maxBufferedOutput");
            return self();
        }

        /**
         * The memory all connections together may hold in messages queued for their peers, input
         * waiting for a worker, and messages partly received. Past it, the connections that hold
         * the most are closed with 1013 (try again later), largest first, until the rest fit in
         * three quarters of it; everyone else keeps going. Each session is also held to
         * {@link #maxBufferedOutput(long)}, and stops reading while more than 256 KiB wait for
         * its peer. Default: a quarter of the maximum heap ({@code -Xmx}).
         */
        public B memoryBudget(long bytes) {
            this.memoryBudget = positive(bytes, "memoryBudget");
            return self();
        }

        /**
         * Tells {@code metrics} about connections, handshakes, sessions, messages and the rest
         * (see {@link WebSocketMetrics}); e.g. {@code wsf-micrometer}'s binding. Default: nobody.
         */
        public B metrics(WebSocketMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return self();
        }

        private static long defaultMemoryBudget() {
            return Math.max(16 * MIB, Runtime.getRuntime().maxMemory() / 4);
        }

        /** Extension factories to use, in preference to discovered ones of the same name. */
        public B extensions(ExtensionFactory... factories) {
            this.extensions = List.of(factories);
            return self();
        }

        /** Whether to use factories from {@code META-INF/services}. Default: true. */
        public B discoverExtensions(boolean discover) {
            this.discoverExtensions = discover;
            return self();
        }

        /** Extension names never to negotiate. Default: none. */
        public B disableExtensions(String... names) {
            this.disabledExtensions = Set.of(names);
            return self();
        }

        /**
         * Runs {@link dev.wsf.api.endpoint.Dispatch#WORKER} callbacks. Default: virtual threads
         * on Java 21 and later, else a pool of daemon threads.
         */
        public B workerExecutor(Executor executor) {
            this.workerExecutor = Objects.requireNonNull(executor);
            return self();
        }

        protected static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        protected static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        protected static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        protected static Duration nonNegative(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
