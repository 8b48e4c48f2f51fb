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

    /**
     * Takes the settings of a builder; a heartbeat timeout left unset becomes the heartbeat
     * interval.
     *
     * @param b the builder of the concrete configuration, with every setting already checked
     */
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

    /**
     * Selector (I/O) threads: they read, write, run the handshake and run
     * {@link dev.wsf.api.endpoint.Dispatch#IO_THREAD} callbacks.
     *
     * @return the number of threads, positive; by default one per available processor for a
     *         server, one for a client
     */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Largest HTTP head of the upgrade request (server) or response (client).
     *
     * @return the limit in bytes, 8192 by default; a server answers a larger request with 431
     *         (414 for a request line alone too long)
     */
    public int maxHandshakeSize() {
        return maxHandshakeSize;
    }

    /**
     * Time allowed for the opening handshake, TLS included. A server answers 408 to an upgrade
     * request that is not complete in time, and closes an HTTP connection idle this long between
     * requests; a client's connection attempt fails with a {@link dev.wsf.api.WebSocketException}.
     *
     * @return the timeout, positive; 10 s by default
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Zero means sessions never time out for inactivity.
     *
     * @return how long a session may see no traffic either way before it is closed with 1001;
     *         zero by default
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Zero means no heartbeat pings.
     *
     * @return how often every session is pinged; zero by default
     */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * How late a heartbeat's pong may be. A peer that answers no later, or that keeps reading
     * the data sent to it meanwhile, is alive; otherwise its connection is dropped without a
     * close handshake, reported as 1006. Unused without a heartbeat.
     *
     * @return the timeout; the heartbeat interval unless set
     */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /**
     * How long to wait for the peer's side of a close handshake before dropping the connection.
     * It is also how long a server's {@code stop()} and a client's {@code close()} wait for
     * sessions to close.
     *
     * @return the timeout, positive; 5 s by default
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * Largest payload of a frame received; a larger frame fails the connection with 1009 before
     * any of it is buffered. Frames sent are not limited by it.
     *
     * @return the limit in bytes; 4 MiB by default
     */
    public long maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Largest text message received, in UTF-8 bytes after decompression; a larger one fails the
     * connection with 1009. An endpoint may set a limit of its own.
     *
     * @return the limit in bytes; 4 MiB by default
     */
    public long maxTextMessageSize() {
        return maxTextMessageSize;
    }

    /**
     * Largest binary message received, in bytes after decompression; a larger one fails the
     * connection with 1009. An endpoint may set a limit of its own.
     *
     * @return the limit in bytes; 4 MiB by default
     */
    public long maxBinaryMessageSize() {
        return maxBinaryMessageSize;
    }

    /**
     * Bytes a session may have queued for a slow peer; see
     * {@link Builder#maxBufferedOutput(long)}.
     *
     * @return the limit in bytes; 16 MiB by default
     */
    public long maxBufferedOutput() {
        return maxBufferedOutput;
    }

    /**
     * The memory all connections may hold together; see {@link Builder#memoryBudget(long)}.
     *
     * @return the budget in bytes; by default a quarter of the maximum heap, at least 16 MiB
     */
    public long memoryBudget() {
        return memoryBudget;
    }

    /**
     * Who is told what happens, for metrics; {@link WebSocketMetrics#NONE} by default.
     *
     * @return the metrics listener, never null
     */
    public WebSocketMetrics metrics() {
        return metrics;
    }

    /**
     * Factories given explicitly; they win over discovered ones with the same name.
     *
     * @return the factories in the order given; empty by default
     */
    public List<ExtensionFactory> extensions() {
        return extensions;
    }

    /**
     * Whether factories listed in {@code META-INF/services} are used too.
     *
     * @return true (the default) if {@link java.util.ServiceLoader} discovery is on
     */
    public boolean discoverExtensions() {
        return discoverExtensions;
    }

    /**
     * Extension names never negotiated, whatever provides them.
     *
     * @return the names, e.g. {@code permessage-deflate}; empty by default
     */
    public Set<String> disabledExtensions() {
        return disabledExtensions;
    }

    /**
     * The executor for {@link dev.wsf.api.endpoint.Dispatch#WORKER} callbacks, if one was given.
     *
     * @return the executor, or empty for the runtime's own: virtual threads on Java 21 and later,
     *         else a pool of daemon threads
     */
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

        /**
         * A builder holding the shared defaults.
         *
         * @param defaultIoThreads the I/O threads unless {@link #ioThreads(int)} is called
         */
        protected Builder(int defaultIoThreads) {
            this.ioThreads = defaultIoThreads;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * The configuration set so far; the builder may be used again.
         *
         * @return a new, immutable configuration
         * @throws IllegalArgumentException if settings do not go together, e.g. a server's TLS
         *                                  without key material
         */
        public abstract C build();

        /**
         * Selector (I/O) threads. Default: one per available processor for a server, one for a
         * client.
         *
         * @param threads the number of threads, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is zero or negative
         */
        public B ioThreads(int threads) {
            this.ioThreads = positive(threads, "ioThreads");
            return self();
        }

        /**
         * Largest HTTP head of the handshake; a larger request gets 431. Default: 8 KiB.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public B maxHandshakeSize(int bytes) {
            this.maxHandshakeSize = positive(bytes, "maxHandshakeSize");
            return self();
        }

        /**
         * Time allowed for the whole upgrade request (server) or response (client). Default: 10 s.
         * A server also closes an HTTP connection idle this long between requests.
         *
         * @param timeout the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException     if {@code timeout} is null
         */
        public B handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return self();
        }

        /**
         * Close (1001) sessions with no traffic either way for this long. Default: zero, never.
         *
         * @param timeout the timeout, zero or more; zero turns it off
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is negative
         * @throws NullPointerException     if {@code timeout} is null
         */
        public B idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return self();
        }

        /**
         * Ping every session this often, to find dead peers and keep proxies from closing idle
         * connections. Default: zero, no heartbeat.
         *
         * @param interval the interval, zero or more; zero turns the heartbeat off
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is negative
         * @throws NullPointerException     if {@code interval} is null
         */
        public B heartbeatInterval(Duration interval) {
            this.heartbeatInterval = nonNegative(interval, "heartbeatInterval");
            return self();
        }

        /**
         * Drop a session whose pong is this late. Default: the heartbeat interval.
         * A peer that keeps reading what is sent to it is not dropped.
         *
         * @param timeout the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException     if {@code timeout} is null
         */
        public B heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeatTimeout");
            return self();
        }

        /**
         * How long to wait for the peer's side of a close handshake. Default: 5 s.
         * Also the grace period of a server's {@code stop()} and a client's {@code close()}.
         *
         * @param timeout the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException     if {@code timeout} is null
         */
        public B closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return self();
        }

        /**
         * Largest frame payload accepted; larger frames fail with 1009 before buffering. Default: 4 MiB.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public B maxFrameSize(long bytes) {
            this.maxFrameSize = positive(bytes, "maxFrameSize");
            return self();
        }

        /**
         * Largest text message (UTF-8 bytes); larger ones fail with 1009. Default: 4 MiB.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public B maxTextMessageSize(long bytes) {
            this.maxTextMessageSize = positive(bytes, "maxTextMessageSize");
            return self();
        }

        /**
         * Largest binary message; larger ones fail with 1009. Default: 4 MiB.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public B maxBinaryMessageSize(long bytes) {
            this.maxBinaryMessageSize = positive(bytes, "maxBinaryMessageSize");
            return self();
        }

        /**
         * Sets both message limits, {@link #maxTextMessageSize(long)} and
         * {@link #maxBinaryMessageSize(long)}.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public B maxMessageSize(long bytes) {
            return maxTextMessageSize(bytes).maxBinaryMessageSize(bytes);
        }

        /**
         * Bytes a session may have queued for a peer that reads too slowly. A send that would go
         * beyond it fails and the session is closed with 1008 (a single message larger than the
         * limit is still sent when nothing else is queued). Default: 16 MiB.
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
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
         *
         * @param bytes the limit in bytes, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or negative
         */
        public B memoryBudget(long bytes) {
            this.memoryBudget = positive(bytes, "memoryBudget");
            return self();
        }

        /**
         * Tells {@code metrics} about connections, handshakes, sessions, messages and the rest
         * (see {@link WebSocketMetrics}); e.g. {@code wsf-micrometer}'s binding. Default: nobody.
         *
         * @param metrics the listener; its methods are called on I/O threads and must not block
         * @return this builder
         * @throws NullPointerException if {@code metrics} is null
         */
        public B metrics(WebSocketMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return self();
        }

        private static long defaultMemoryBudget() {
            return Math.max(16 * MIB, Runtime.getRuntime().maxMemory() / 4);
        }

        /**
         * Extension factories to use, in preference to discovered ones of the same name.
         * Default: none beyond those discovered.
         *
         * @param factories the factories; replaces any given before
         * @return this builder
         * @throws NullPointerException if one of them is null
         */
        public B extensions(ExtensionFactory... factories) {
            this.extensions = List.of(factories);
            return self();
        }

        /**
         * Whether to use factories from {@code META-INF/services}. Default: true.
         *
         * @param discover false to use only the factories given to {@link #extensions}
         * @return this builder
         */
        public B discoverExtensions(boolean discover) {
            this.discoverExtensions = discover;
            return self();
        }

        /**
         * Extension names never to negotiate. Default: none.
         *
         * @param names extension names as in {@code Sec-WebSocket-Extensions}, e.g.
         *              {@code permessage-deflate}; replaces any given before; a name given twice
         *              counts once
         * @return this builder
         * @throws NullPointerException if one of them is null
         */
        public B disableExtensions(String... names) {
            this.disabledExtensions = Set.copyOf(List.of(names));
            return self();
        }

        /**
         * Runs {@link dev.wsf.api.endpoint.Dispatch#WORKER} callbacks. Default: virtual threads
         * on Java 21 and later, else a pool of daemon threads.
         *
         * @param executor the executor; the application owns it and shuts it down, the runtime
         *                 does not
         * @return this builder
         * @throws NullPointerException if {@code executor} is null
         */
        public B workerExecutor(Executor executor) {
            this.workerExecutor = Objects.requireNonNull(executor);
            return self();
        }

        /**
         * Checks a setting that must be positive.
         *
         * @param value the value to check
         * @param name  the setting's name, for the exception's message
         * @return {@code value}
         * @throws IllegalArgumentException if {@code value} is zero or negative
         */
        protected static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /**
         * Checks a setting that must be positive.
         *
         * @param value the value to check
         * @param name  the setting's name, for the exception's message
         * @return {@code value}
         * @throws IllegalArgumentException if {@code value} is zero or negative
         */
        protected static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /**
         * Checks a duration that must be positive.
         *
         * @param value the duration to check
         * @param name  the setting's name, for the exception's message
         * @return {@code value}
         * @throws IllegalArgumentException if {@code value} is zero or negative
         * @throws NullPointerException     if {@code value} is null
         */
        protected static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /**
         * Checks a duration that must not be negative.
         *
         * @param value the duration to check
         * @param name  the setting's name, for the exception's message
         * @return {@code value}
         * @throws IllegalArgumentException if {@code value} is negative
         * @throws NullPointerException     if {@code value} is null
         */
        protected static Duration nonNegative(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
