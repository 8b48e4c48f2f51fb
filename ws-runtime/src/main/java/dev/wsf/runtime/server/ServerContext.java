package dev.wsf.runtime.server;

import dev.wsf.api.Role;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
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

    /**
     * @throws dev.wsf.api.DeploymentException if two endpoints share a path
     */
    public ServerContext(ServerConfig config, List<EndpointDefinition> endpoints, HttpHandler httpHandler,
                         Executor workerExecutor) {
        this.config = config;
        this.router = new EndpointRouter(endpoints);
        this.extensions = ExtensionRegistry.of(config.extensions(), config.discoverExtensions(),
                config.disabledExtensions());
        this.httpHandler = httpHandler;
        this.gate = new ConnectionGate(config.limits());
        this.topics = new TopicRegistry(config.topicBus().orElse(null), java.util.UUID.randomUUID().toString());
        for (EndpointDefinition e : endpoints) {
            settings.put(e, SessionSettings.of(Role.SERVER, config, e, workerExecutor, counters, topics));
        }
    }

    /**
     * The protocol a newly accepted connection starts with: the HTTP upgrade handshake, or a 503
     * if the connection is over one of the server's limits.
     */
    public Protocol newConnection(Transport transport) {
        ConnectionGate.Admission admission = gate.admit(transport.remoteAddress().getAddress());
        if (admission.refusal() != null) {
            return new Refusal(transport, admission.refusal(), config.limits().retryAfter().toSeconds(),
                    config.closeTimeout().toNanos());
        }
        transport.onClose(admission::release);
        return new ServerHandshake(this, transport, admission);
    }

    ConnectionGate gate() {
        return gate;
    }

    /** The server's publish/subscribe topics. */
    public TopicRegistry topics() {
        return topics;
    }

    /** How the server's sessions ended badly. */
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

    String nextSessionId() {
        return Long.toString(sessionIds.incrementAndGet());
    }
}
