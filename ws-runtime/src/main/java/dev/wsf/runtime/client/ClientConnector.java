package dev.wsf.runtime.client;

import dev.wsf.api.Session;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.session.SessionSettings;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Everything one connection attempt needs, waiting for its TCP connection to start the handshake. */
public final class ClientConnector {
    private final URI uri;
    private final EndpointDefinition endpoint;
    private final ConnectOptions options;
    private final SessionSettings settings;
    private final ExtensionRegistry registry;
    private final int maxHandshakeSize;
    private final long handshakeTimeoutNanos;
    private final long sessionId;
    private final CompletableFuture<Session> result;

    public ClientConnector(URI uri, EndpointDefinition endpoint, ConnectOptions options, SessionSettings settings,
                           ExtensionRegistry registry, int maxHandshakeSize, long handshakeTimeoutNanos, long sessionId,
                           CompletableFuture<Session> result) {
        this.uri = uri;
        this.endpoint = endpoint;
        this.options = options;
        this.settings = settings;
        this.registry = registry;
        this.maxHandshakeSize = maxHandshakeSize;
        this.handshakeTimeoutNanos = handshakeTimeoutNanos;
        this.sessionId = sessionId;
        this.result = result;
    }

    /** The protocol of the freshly connected transport: it sends the upgrade request at once. */
    public Protocol start(Transport transport) {
        return new ClientHandshake(transport, uri, endpoint, options, settings, registry, maxHandshakeSize,
                handshakeTimeoutNanos, sessionId, result);
    }
}
