package dev.wsf.runtime.client;

import dev.wsf.api.Session;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.http.Headers;
import dev.wsf.runtime.http.HttpException;
import dev.wsf.runtime.http.HttpHeadReader;
import dev.wsf.runtime.http.HttpResponseHead;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.session.WebSocketSession;
import dev.wsf.runtime.tls.TlsFailures;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP phase of a client connection: sends the upgrade request with a fresh random key,
 * reads the response within the size and time limits, validates it, and hands the connection to
 * a {@link WebSocketSession}. The result completes with the session once its {@code onOpen} has
 * run, or fails with the reason the server was not accepted.
 */
final class ClientHandshake implements Protocol {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transport transport;
    private final EndpointDefinition endpoint;
    private final SessionSettings settings;
    private final ExtensionRegistry registry;
    private final CompletableFuture<Session> result;
    private final long sessionId;
    private final HttpHeadReader reader;
    private final ClientRequest request;
    private final String key;
    private final long deadline;

    ClientHandshake(Transport transport, URI uri, EndpointDefinition endpoint, ConnectOptions options,
                    SessionSettings settings, ExtensionRegistry registry, int maxHandshakeSize, long handshakeTimeoutNanos,
                    long sessionId, CompletableFuture<Session> result) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.settings = settings;
        this.registry = registry;
        this.result = result;
        this.sessionId = sessionId;
        this.reader = new HttpHeadReader(HttpHeadReader.StartLine.STATUS, maxHandshakeSize);
        this.deadline = System.nanoTime() + handshakeTimeoutNanos;
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
        List<String> protocols = options.subprotocols().orElse(endpoint.subprotocols());
        List<ExtensionConfig> offers = new ArrayList<>();
        for (ExtensionFactory f : registry.all()) {
            if (endpoint.allowsExtension(f.name())) {
                offers.addAll(f.offers());
            }
        }
        Headers headers = new Headers();
        headers.add("Host", hostHeader(uri));
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Key", key);
        headers.add("Sec-WebSocket-Version", "13");
        if (!protocols.isEmpty()) {
            headers.add("Sec-WebSocket-Protocol", String.join(", ", protocols));
        }
        if (!offers.isEmpty()) {
            headers.add("Sec-WebSocket-Extensions", ExtensionConfig.toHeaderValue(offers));
        }
        for (Map.Entry<String, String> h : options.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        this.request = new ClientRequest(uri, headers, protocols, offers, transport.remoteAddress(), transport::tls);
        transport.enqueue(request.bytes(), null, null);
        transport.flush();
    }

    private static String hostHeader(URI uri) {
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        int defaultPort = "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getPort() < 0 || uri.getPort() == defaultPort ? host : host + ":" + uri.getPort();
    }

    @Override
    public void onRead(ByteBuffer data) {
        if (result.isDone()) {
            return;
        }
        HttpResponseHead response;
        ResponseValidator.Result negotiated;
        try {
            byte[] head = reader.read(data);
            if (head == null) {
                return;
            }
            response = HttpResponseHead.parse(head);
            negotiated = ResponseValidator.validate(response, key, request.subprotocols(), request.extensions(),
                    registry, settings.maxMessageSize());
        } catch (HttpException e) {
            fail(new WebSocketException("invalid handshake response: " + e.getMessage()));
            return;
        } catch (WebSocketException e) {
            fail(e);
            return;
        }
        WebSocketSession session = new WebSocketSession(sessionId, request, negotiated.subprotocol(),
                negotiated.extensions(), settings, transport, endpoint.factory());
        transport.setProtocol(session);
        session.start(() -> result.complete(session));
        if (data.hasRemaining()) {
            session.onRead(data); // frames the server sent right behind its 101
        }
    }

    private void fail(Throwable error) {
        if (result.completeExceptionally(error)) {
            transport.close();
        }
    }

    @Override
    public void onEof() {
        fail(new WebSocketException("the server closed the connection during the handshake"));
    }

    @Override
    public void onTick(long nowNanos) {
        if (nowNanos - deadline > 0) {
            fail(new WebSocketException("no handshake response within the handshake timeout"));
        }
    }

    @Override
    public void onShutdown() {
        fail(new WebSocketException("the client is closing"));
    }

    @Override
    public void onOverload() {
        fail(new WebSocketException("the client is over its memory budget"));
    }

    @Override
    public void onClosed(Throwable cause) {
        if (cause instanceof javax.net.ssl.SSLException tls) {
            result.completeExceptionally(new WebSocketException("TLS handshake with " + request.requestUri().getHost()
                    + ":" + transport.remoteAddress().getPort() + " failed: " + TlsFailures.reason(tls), tls));
            return;
        }
        result.completeExceptionally(cause != null ? cause
                : new WebSocketException("the connection closed during the handshake"));
    }

    @Override
    public String toString() {
        return "ClientHandshake[" + request.requestUri() + "]";
    }
}
