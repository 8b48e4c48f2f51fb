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

    /**
     * Holds what the handshake needs until the TCP (and TLS) connection is made.
     *
     * @param uri the URI connected to, for the request line and {@code Host}
     * @param endpoint the session's handler and the subprotocols offered
     * @param options the connection's own subprotocols, headers and TLS
     * @param settings the session's limits, threads and counters
     * @param registry the extensions that may be offered
     * @param maxHandshakeSize the largest response head accepted, in bytes
     * @param handshakeTimeoutNanos how long the server may take to answer, in nanoseconds
     * @param sessionId the session's id, for logs
     * @param result completed with the session once open, or failed
     */
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

    /**
     * The protocol of the freshly connected transport: it sends the upgrade request at once.
     *
     * @param transport the connected transport, on its I/O thread
     * @return the handshake, which becomes the session once the server accepts
     */
    public Protocol start(Transport transport) {
        return new ClientHandshake(transport, uri, endpoint, options, settings, registry, maxHandshakeSize,
                handshakeTimeoutNanos, sessionId, result);
    }
}
