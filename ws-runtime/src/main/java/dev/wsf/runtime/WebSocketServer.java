package dev.wsf.runtime;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.Topics;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.server.ServerContext;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.tls.TlsEngines;
import dev.wsf.runtime.tls.TlsWatcher;
import dev.wsf.runtime.transport.TlsSetup;
import dev.wsf.runtime.session.Workers;
import dev.wsf.runtime.transport.IoLoops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;

/**
 * A WebSocket server: non-blocking I/O on about one thread per core, serving the endpoints it was
 * built with.
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .config(ServerConfig.builder().port(8080).build())
 *         .endpoint(EndpointDefinition.builder("/echo", request -> new EchoHandler()).build())
 *         .build()
 *         .start();
 * }</pre>
 *
 * <p>{@link #stop()} shuts down gracefully: it stops accepting, sends every session a close frame
 * with 1001 (going away), waits up to the close timeout for them to finish, then closes what is
 * left.
 *
 * @since 0.1
 */
public final class WebSocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final ServerConfig config;
    private final List<EndpointDefinition> endpoints;
    private final HttpHandler httpHandler;
    private final Executor workerExecutor;
    private final ExecutorService ownedWorkers;
    private IoLoops loops;
    private ServerContext context;
    private List<InetSocketAddress> localAddresses;
    private List<TlsEngines> tlsEngines = List.of();
    private TlsWatcher tlsWatcher;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private Thread shutdownHook;

    private WebSocketServer(Builder b) {
        this.config = b.config;
        this.endpoints = List.copyOf(b.endpoints);
        this.httpHandler = b.httpHandler;
        if (config.workerExecutor().isPresent()) {
            this.workerExecutor = config.workerExecutor().get();
            this.ownedWorkers = null;
        } else {
            this.ownedWorkers = Workers.createDefault("wsf-worker");
            this.workerExecutor = ownedWorkers;
        }
    }

    /**
     * Starts a server's definition: its config, endpoints and plain HTTP handler.
     *
     * @return a new builder: default config, no endpoints, no HTTP handler
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every listener and starts serving.
     *
     * @return this server, started
     * @throws UncheckedIOException if an address cannot be bound (the message says why, e.g.
     *                              "Address already in use")
     * @throws IllegalStateException if a TLS listener's key or trust material cannot be read
     * @throws dev.wsf.api.DeploymentException if two endpoints share a path
     */
    public synchronized WebSocketServer start() {
        if (loops != null) {
            throw new IllegalStateException("already started");
        }
        ServerContext context = new ServerContext(config, endpoints, httpHandler, workerExecutor);
        List<TlsEngines> engines = new ArrayList<>();
        for (ServerConfig.Listener listener : config.listeners()) {
            listener.tls().ifPresent(tls -> engines.add(new TlsEngines(tls, true))); // fails fast, before binding
        }
        Warmup.run();
        IoLoops started = new IoLoops(config.ioThreads(), "wsf-io", SessionSettings.tickInterval(config),
                new MemoryBudget(config.memoryBudget()), context.metrics(), this::loopDied);
        List<InetSocketAddress> bound = new ArrayList<>();
        int tlsIndex = 0;
        for (ServerConfig.Listener listener : config.listeners()) {
            TlsSetup tls = null;
            if (listener.isTls()) {
                TlsEngines e = engines.get(tlsIndex++);
                tls = new TlsSetup(e::serverEngine, workerExecutor);
            }
            try {
                bound.add(started.listen(new InetSocketAddress(listener.host(), listener.port()), config.backlog(),
                        tls, config.limits().proxyProtocol(), context::newConnection));
            } catch (IOException e) {
                stopQuietly(started);
                throw new UncheckedIOException("cannot listen on " + listener.host() + ":" + listener.port() + ": "
                        + e.getMessage(), e);
            }
        }
        loops = started;
        this.context = context;
        context.topics().start(); // joins the cluster, if there is one
        this.localAddresses = List.copyOf(bound);
        this.tlsEngines = List.copyOf(engines);
        this.tlsWatcher = TlsWatcher.start(tlsEngines);
        LOG.log(System.Logger.Level.INFO, () -> "listening on " + describeListeners() + " with " + endpoints.size()
                + " endpoint(s)");
        return this;
    }

    private String describeListeners() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < localAddresses.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(config.listeners().get(i).isTls() ? "wss://" : "ws://")
                    .append(localAddresses.get(i).getHostString()).append(':').append(localAddresses.get(i).getPort());
        }
        return sb.toString();
    }

    /**
     * The address of the first listener, with the actual port when port 0 was configured.
     *
     * @return the bound address
     * @throws IllegalStateException before {@link #start()}
     */
    public InetSocketAddress localAddress() {
        return localAddresses().get(0);
    }

    /**
     * The addresses of every listener, in the order of {@link ServerConfig#listeners()}.
     *
     * @return the bound addresses, an immutable list
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized List<InetSocketAddress> localAddresses() {
        if (localAddresses == null) {
            throw new IllegalStateException("not started");
        }
        return localAddresses;
    }

    /**
     * The port of the first listener.
     *
     * @return the port, the actual one when port 0 was configured
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        return localAddress().getPort();
    }

    /**
     * Reads the certificates and keys of every TLS listener again: handshakes from now on use
     * the new ones; open connections keep theirs.
     *
     * @throws IllegalStateException if a listener's files cannot be read; it keeps what it had
     */
    public void reloadTls() {
        for (TlsEngines e : tlsEngines()) {
            e.reload();
        }
    }

    private synchronized List<TlsEngines> tlsEngines() {
        return tlsEngines;
    }

    /**
     * Open connections, handshaking or upgraded.
     *
     * @return how many connections are open now, a snapshot; 0 when not started
     */
    public int connectionCount() {
        return loops == null ? 0 : loops.connectionCount();
    }

    /**
     * The server's publish/subscribe topics (also {@link dev.wsf.api.Session#topics()}).
     *
     * @return the server's topics, the same object on every call while it runs
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized Topics topics() {
        if (context == null) {
            throw new IllegalStateException("not started");
        }
        return context.topics();
    }

    /**
     * The server's totals now; all zero before {@link #start()}.
     *
     * @return the counts now; each is read on its own, so they may be a moment apart
     */
    public synchronized ServerStats stats() {
        if (loops == null) {
            return new ServerStats(0, 0, config.memoryBudget(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        SessionCounters c = context.counters();
        long[] traffic = c.traffic();
        return new ServerStats(loops.connectionCount(), loops.budget().used(), loops.budget().limit(),
                c.protocolViolations(), c.internalErrors(), c.overloaded(), c.openSessions(), c.sessionsOpened(),
                traffic[0], traffic[1], traffic[2], traffic[3]);
    }

    /**
     * An I/O loop gave up (it has closed its own connections and said why): stop the rest, rather
     * than go on as a server that accepts connections it cannot serve. On a thread of its own,
     * since the dying loop cannot wait for itself.
     */
    private void loopDied(Throwable cause) {
        Thread stopper = new Thread(() -> stop(Duration.ofSeconds(1)), "wsf-stop-after-loop-failure");
        stopper.setDaemon(false);
        stopper.start();
    }

    /** Stops gracefully within the configured close timeout. */
    public void stop() {
        stop(config.closeTimeout());
    }

    /**
     * Stops accepting, closes every session with 1001, waits up to {@code grace} for the close
     * handshakes, then closes whatever is still open and ends the I/O threads.
     *
     * @param grace how long the close handshakes may take; does nothing when the server is not
     *              running
     */
    public synchronized void stop(Duration grace) {
        if (loops == null) {
            return;
        }
        loops.stopAccepting();
        tlsWatcher.stop();
        try {
            loops.shutdownGracefully(grace);
            Workers.shutdown(ownedWorkers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops = null;
        context.topics().clear();
        removeShutdownHook();
        terminated.countDown();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Blocks until the server has stopped: by {@link #stop()}, from another thread or the
     * shutdown hook, or because an I/O loop failed beyond repair. What a {@code main} calls after
     * {@link #start()} to keep the JVM alive (the I/O threads are daemons).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Like {@link #awaitTermination()}, for at most {@code timeout}; true if the server stopped.
     *
     * @param timeout the longest wait
     * @return true if the server stopped, false if the time ran out first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the server gracefully (1001 to every session, within the close timeout) when the JVM
     * shuts down: on SIGTERM or SIGINT, or when {@code main} returns with no other thread left.
     * Call after {@link #start()}; removed again by {@link #stop()}.
     *
     * @return this server
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized WebSocketServer stopOnShutdown() {
        if (loops == null) {
            throw new IllegalStateException("not started");
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "wsf-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook is running or has run
            }
        }
    }

    private static void stopQuietly(IoLoops loops) {
        try {
            loops.stop(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link WebSocketServer}. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.defaults();
        private final List<EndpointDefinition> endpoints = new ArrayList<>();
        private HttpHandler httpHandler;

        private Builder() {
        }

        /**
         * Default: {@link ServerConfig#defaults()}.
         *
         * @param config the listeners, limits, timeouts and threads
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /**
         * Adds an endpoint; two whose paths match the same requests fail
         * {@link WebSocketServer#start()}.
         *
         * @param endpoint the endpoint and its path
         * @return this builder
         * @throws NullPointerException if {@code endpoint} is null
         */
        public Builder endpoint(EndpointDefinition endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint));
            return this;
        }

        /**
         * Adds every endpoint of {@code more}, as {@link #endpoint} does.
         *
         * @param more the endpoints, added in their iteration order
         * @return this builder
         * @throws NullPointerException if {@code more} or one of its elements is null
         */
        public Builder endpoints(Collection<EndpointDefinition> more) {
            more.forEach(this::endpoint);
            return this;
        }

        /**
         * Answers plain HTTP requests on the same port, e.g. to serve a web page.
         *
         * @param handler answers GET and HEAD requests that are not WebSocket upgrades; without
         *                one, they get 404
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder httpHandler(HttpHandler handler) {
            this.httpHandler = Objects.requireNonNull(handler);
            return this;
        }

        /**
         * The server, with the endpoints added so far.
         *
         * @return a server, not started; the builder may go on to build others
         */
        public WebSocketServer build() {
            return new WebSocketServer(this);
        }
    }
}
