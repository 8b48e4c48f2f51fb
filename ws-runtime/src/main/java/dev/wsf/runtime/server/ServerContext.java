package dev.wsf.runtime.server;

import dev.wsf.api.Role;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.observe.AccessLog;
import dev.wsf.runtime.observe.Observers;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.topic.TopicRegistry;
import dev.wsf.runtime.session.SessionSettings;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one server shares: configuration, routes, extensions, executors. */
public final class ServerContext {
    private final ServerConfig config;
    private final EndpointRouter router;
    private final ExtensionRegistry extensions;
    private final HttpHandler httpHandler;
    private final Map<EndpointDefinition, SessionSettings> settings = new IdentityHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final SessionCounters counters = new SessionCounters();
    private final TopicRegistry topics;
    private final ConnectionGate gate;
    private final WebSocketMetrics metrics;
    private final AccessLog accessLog;

    /**
     * @param config the server's settings
     * @param endpoints the endpoints served
     * @param httpHandler answers plain HTTP requests, or null for 404s
     * @param workerExecutor runs {@code WORKER} callbacks
     * @throws dev.wsf.api.DeploymentException if two endpoints share a path
     */
    public ServerContext(ServerConfig config, List<EndpointDefinition> endpoints, HttpHandler httpHandler,
                         Executor workerExecutor) {
        this(config, endpoints, httpHandler, workerExecutor, true);
    }

    /**
     * @param config the server's settings
     * @param endpoints the endpoints served
     * @param httpHandler answers plain HTTP requests, or null for 404s
     * @param workerExecutor runs {@code WORKER} callbacks
     * @param observed whether JFR and the configured listener hear of this server's connections;
     *                 false for the runtime's own warm-up, which must not show in anyone's metrics
     */
    public ServerContext(ServerConfig config, List<EndpointDefinition> endpoints, HttpHandler httpHandler,
                         Executor workerExecutor, boolean observed) {
        this.config = config;
        this.router = new EndpointRouter(endpoints);
        this.extensions = ExtensionRegistry.of(config.extensions(), config.discoverExtensions(),
                config.disabledExtensions());
        this.httpHandler = httpHandler;
        this.metrics = observed ? Observers.of(config.metrics()) : WebSocketMetrics.NONE;
        this.gate = new ConnectionGate(config.limits(), metrics);
        this.accessLog = new AccessLog(config.accessLog());
        this.topics = new TopicRegistry(config.topicBus().orElse(null), java.util.UUID.randomUUID().toString(), metrics);
        for (EndpointDefinition e : endpoints) {
            settings.put(e, SessionSettings.of(Role.SERVER, config, e, workerExecutor, counters, topics, metrics));
        }
    }

    /**
     * The protocol a newly accepted connection starts with: the HTTP upgrade handshake, or a 503
     * if the connection is over one of the server's limits.
     *
     * @param transport the accepted connection, on its I/O thread
     * @return the handshake, or the refusal
     */
    public Protocol newConnection(Transport transport) {
        ConnectionGate.Admission admission = gate.admit(transport.remoteAddress().getAddress());
        if (admission.refusal() != null) {
            metrics.connectionRefused(admission.refusal());
            return new Refusal(transport, admission.refusal().name(), config.limits().retryAfter().toSeconds(),
                    config.closeTimeout().toNanos());
        }
        metrics.connectionOpened();
        transport.onClose(admission); // releases it, and counts the connection closed
        return new ServerHandshake(this, transport, admission);
    }

    ConnectionGate gate() {
        return gate;
    }

    /**
     * The metrics listener of the server: JFR's, and the application's.
     *
     * @return the listener; {@code WebSocketMetrics.NONE} for an unobserved server
     */
    public WebSocketMetrics metrics() {
        return metrics;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    /**
     * The server's publish/subscribe topics.
     *
     * @return the registry, the same for the server's life
     */
    public TopicRegistry topics() {
        return topics;
    }

    /**
     * How the server's sessions ended badly.
     *
     * @return the counters, the same for the server's life
     */
    public SessionCounters counters() {
        return counters;
    }

    ServerConfig config() {
        return config;
    }

    EndpointRouter router() {
        return router;
    }

    ExtensionRegistry extensions() {
        return extensions;
    }

    Optional<HttpHandler> httpHandler() {
        return Optional.ofNullable(httpHandler);
    }

    SessionSettings settingsFor(EndpointDefinition endpoint) {
        return settings.get(endpoint);
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }
}
