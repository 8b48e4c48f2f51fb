package dev.wsf.runtime;

import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.client.ClientConnector;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.observe.Observers;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.topic.TopicRegistry;
import dev.wsf.api.Topics;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.tls.TlsEngines;
import dev.wsf.runtime.transport.TlsSetup;
import dev.wsf.runtime.session.Workers;
import dev.wsf.runtime.transport.IoLoops;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client on the same non-blocking engine as the server: one I/O thread (by default)
 * serves every connection it opens.
 *
 * <pre>{@code
 * try (WebSocketClient client = WebSocketClient.create()) {
 *     Session s = client.connect(URI.create("ws://localhost:8080/echo"), new EndpointHandler() {
 *         public void onText(Session s, String message) { System.out.println(message); }
 *     }).join();
 *     s.sendText("hello");
 * }
 * }</pre>
 *
 * <p>Each frame is masked with a fresh key; the server's 101 is checked strictly (accept value,
 * Upgrade and Connection, and that the subprotocol and extensions are among those offered).
 * {@code wss://} URIs connect over TLS, with the client's {@link ClientConfig#tls()} (by default
 * the JDK's trust store and host name verification) or a connection's {@link ConnectOptions#tls()}.
 *
 * @since 0.1
 */
public final class WebSocketClient implements AutoCloseable {
    private final ClientConfig config;
    private final IoLoops loops;
    private final ExtensionRegistry extensions;
    private final Executor workers;
    private final ExecutorService ownedWorkers;
    private final AtomicLong sessionIds = new AtomicLong();
    private final SessionCounters counters = new SessionCounters();
    private final WebSocketMetrics metrics;
    private final TopicRegistry topics;
    private TlsEngines defaultTls;

    private WebSocketClient(ClientConfig config) {
        this.config = config;
        this.metrics = Observers.of(config.metrics());
        this.topics = new TopicRegistry(null, "client", metrics);
        this.extensions = ExtensionRegistry.of(config.extensions(), config.discoverExtensions(),
                config.disabledExtensions());
        this.ownedWorkers = config.workerExecutor().isPresent() ? null : Workers.createDefault("wsf-client-worker");
        this.workers = config.workerExecutor().orElse(ownedWorkers);
        this.loops = new IoLoops(config.ioThreads(), "wsf-client-io", SessionSettings.tickInterval(config),
                new MemoryBudget(config.memoryBudget()), metrics, cause -> new Thread(this::close, "wsf-client-stop").start());
    }

    /**
     * A client with the default settings ({@link ClientConfig#defaults()}).
     *
     * @return a new client; {@link #close()} it to stop its threads
     */
    public static WebSocketClient create() {
        return create(ClientConfig.defaults());
    }

    /**
     * A client with these settings, and its own worker pool unless the config gives one.
     *
     * @param config the settings of every connection it makes
     * @return a new client; {@link #close()} it to stop its threads
     */
    public static WebSocketClient create(ClientConfig config) {
        return new WebSocketClient(config);
    }

    /**
     * Connects with a handler whose callbacks run on the worker pool (they may block).
     *
     * @param uri {@code ws://host[:port]/path[?query]} or {@code wss://...}, without a fragment
     * @param handler the session's callbacks
     * @return as for {@link #connect(URI, EndpointDefinition, ConnectOptions)}, with the default
     *         options
     */
    public CompletableFuture<Session> connect(URI uri, EndpointHandler handler) {
        return connect(uri, handler, ConnectOptions.defaults());
    }

    /**
     * Connects with a handler whose callbacks run on the worker pool (they may block), and these
     * options.
     *
     * @param uri {@code ws://host[:port]/path[?query]} or {@code wss://...}, without a fragment
     * @param handler the session's callbacks
     * @param options the subprotocols, headers and TLS settings of this connection
     * @return as for {@link #connect(URI, EndpointDefinition, ConnectOptions)}
     */
    public CompletableFuture<Session> connect(URI uri, EndpointHandler handler, ConnectOptions options) {
        return connect(uri, EndpointDefinition.forClient(request -> handler).build(), options);
    }

    /**
     * Opens a connection and runs the upgrade handshake.
     *
     * @param endpoint how to handle the session: its factory, dispatch, delivery and limits, and
     *                 the subprotocols to offer (unless {@code options} names others)
     * @param uri {@code ws://host[:port]/path[?query]} or {@code wss://...}, port 80 or 443 by
     *            default; a URI with another scheme, without a host or with a fragment fails the
     *            future with {@code IllegalArgumentException}, and a host that cannot be resolved
     *            fails it with {@link WebSocketException}
     * @param options the subprotocols, headers and TLS settings of this connection ({@code wss}
     *                only uses the client's TLS settings when these have none)
     * @return completes with the session after its {@code onOpen} ran; fails with
     *         {@link dev.wsf.api.HandshakeRejectedException} if the server refused (non-101), with
     *         {@link WebSocketException} if its answer was invalid or time ran out, or with the
     *         I/O error that prevented the connection
     */
    public CompletableFuture<Session> connect(URI uri, EndpointDefinition endpoint, ConnectOptions options) {
        CompletableFuture<Session> result = new CompletableFuture<>();
        InetSocketAddress address;
        try {
            address = resolve(uri);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        TlsSetup tls = null;
        if (isSecure(uri)) {
            TlsEngines engines;
            try {
                engines = options.tls().map(t -> new TlsEngines(t, false)).orElseGet(this::defaultTls);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return result;
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            tls = new TlsSetup(peer -> engines.clientEngine(host, address.getPort()), workers);
        }
        SessionSettings settings = SessionSettings.of(Role.CLIENT, config, endpoint, workers, counters, topics, metrics);
        ClientConnector connector = new ClientConnector(uri, endpoint, options, settings, extensions,
                config.maxHandshakeSize(), config.handshakeTimeout().toNanos(), sessionIds.incrementAndGet(), result);
        loops.connect(address, config.connectTimeout(), tls, connector::start)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    }
                });
        return result;
    }

    /** The engines for {@code wss://} with the client's own TLS settings, made on first use. */
    private synchronized TlsEngines defaultTls() {
        if (defaultTls == null) {
            defaultTls = new TlsEngines(config.tls(), false);
        }
        return defaultTls;
    }

    private static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    private static InetSocketAddress resolve(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
            throw new IllegalArgumentException("a WebSocket URI looks like ws://host[:port]/path or"
                    + " wss://host[:port]/path, not " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI must not have a fragment: " + uri);
        }
        int defaultPort = scheme.equals("wss") ? 443 : 80;
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort());
        if (address.isUnresolved()) {
            throw new WebSocketException("cannot resolve host " + uri.getHost());
        }
        return address;
    }

    /**
     * Publish/subscribe among this client's sessions; see {@link Topics}.
     *
     * @return the client's topics, the same object on every call; they do not reach a server's
     */
    public Topics topics() {
        return topics;
    }

    /**
     * Open connections, handshaking or upgraded.
     *
     * @return how many connections are open now, a snapshot
     */
    public int connectionCount() {
        return loops.connectionCount();
    }

    /** Closes every session with 1001, waits up to the close timeout, then stops the I/O threads. */
    @Override
    public void close() {
        try {
            loops.shutdownGracefully(config.closeTimeout());
            Workers.shutdown(ownedWorkers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
