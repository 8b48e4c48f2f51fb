package dev.wsf.runtime.server;

import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.http.AcceptKey;
import dev.wsf.runtime.http.Headers;
import dev.wsf.runtime.http.HttpException;
import dev.wsf.runtime.http.HttpHeadReader;
import dev.wsf.runtime.http.HttpRequestHead;
import dev.wsf.runtime.http.HttpResponses;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.session.WebSocketSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP phase of a server connection: reads the request head (in pieces of any size, within
 * the size and time limits), validates it as an RFC 6455 opening handshake, and either answers
 * 101 and hands the connection to a {@link WebSocketSession}, or answers with the status that
 * says what was wrong and closes:
 * <ul>
 *   <li>400: malformed request, missing Host, Upgrade or Connection tokens, bad or missing key,
 *       malformed extension or subprotocol headers;</li>
 *   <li>403: the origin policy refused; 404: no endpoint at the path; 405: not GET;</li>
 *   <li>408: the head did not arrive in time; 414/431: request line or head too large;</li>
 *   <li>426 with {@code Sec-WebSocket-Version: 13}: another protocol version;</li>
 *   <li>whatever status a {@link dev.wsf.api.endpoint.HandshakeInterceptor} refused with.</li>
 * </ul>
 * Requests without an upgrade are answered by {@link PlainHttp} (the server's
 * {@link dev.wsf.api.http.HttpHandler}); on a persistent connection the handshake then waits for
 * the next request, which may be an upgrade, until the handshake timeout passes without one.
 * Every refusal is logged at DEBUG with the request and the reason.
 */
final class ServerHandshake implements Protocol {
    static final System.Logger LOG = System.getLogger(ServerHandshake.class.getName());

    /** Where the handshake is: reading the request, waiting for the authenticator, or answered. */
    private enum Phase { READING, AUTHENTICATING, ANSWERED }

    private final ServerContext context;
    private final Transport transport;
    private final ConnectionGate.Admission admission;
    private final PlainHttp plain;
    private HttpHeadReader reader;
    /** The request being answered, once its head is parsed: for the log. */
    private HttpRequestHead current;
    /** When the connection was accepted, or the previous request on it answered. */
    private long startNanos = System.nanoTime();
    private long deadline;
    private Phase phase = Phase.READING;
    /** For metrics and the access log: what was asked, once known. */
    private String endpointTag = WebSocketMetrics.UNMATCHED;
    private String method = "-";
    private String path = "-";
    /** While authenticating: the request, and the frames that came right behind it. */
    private Pending pending;

    private record Pending(EndpointDefinition endpoint, UpgradeRequest request, String key, ByteBuffer leftover) {
    }

    ServerHandshake(ServerContext context, Transport transport, ConnectionGate.Admission admission) {
        this.context = context;
        this.transport = transport;
        this.admission = admission;
        this.plain = new PlainHttp(context.httpHandler());
        this.reader = new HttpHeadReader(HttpHeadReader.StartLine.REQUEST, context.config().maxHandshakeSize());
        this.deadline = System.nanoTime() + context.config().handshakeTimeout().toNanos();
    }

    /**
     * Reads requests while the phase stays READING: after a plain HTTP answer on a persistent
     * connection it does, and a request pipelined behind the first is read from the same input.
     * Lingering after a refusal or paused for the authenticator, input is discarded.
     */
    @Override
    public void onRead(ByteBuffer data) {
        while (phase == Phase.READING) {
            try {
                byte[] head = reader.read(data);
                if (head == null) {
                    return;
                }
                current = HttpRequestHead.parse(head);
                handle(current, head, data);
            } catch (HttpException e) {
                refuse(e.status(), e.getMessage(), e.headers());
            }
        }
    }

    private void handle(HttpRequestHead head, byte[] raw, ByteBuffer leftover) throws HttpException {
        Headers h = head.headers();
        method = head.method();
        path = head.path();
        Optional<EndpointRouter.Route> route = context.router().route(head.path());
        route.ifPresent(r -> endpointTag = r.endpoint().path().template());
        if (!h.hasToken("Upgrade", "websocket")) {
            servePlainHttp(head, raw, route);
            return;
        }
        if (head.isHttp10()) {
            throw new HttpException(505, "a WebSocket upgrade needs HTTP/1.1, not HTTP/1.0");
        }
        if (!head.method().equals("GET")) {
            throw new HttpException(405, "a WebSocket upgrade must use GET", Map.of("Allow", "GET"));
        }
        if (route.isEmpty()) {
            throw new HttpException(404, "no WebSocket endpoint at " + head.path());
        }
        if (h.all("Host").size() != 1) {
            throw new HttpException(400, "the request needs exactly one Host header");
        }
        if (!h.hasToken("Connection", "upgrade")) {
            throw new HttpException(400, "the Connection header must include the token 'Upgrade'");
        }
        if (!"13".equals(h.first("Sec-WebSocket-Version")) || h.all("Sec-WebSocket-Version").size() != 1) {
            throw new HttpException(426, "only WebSocket version 13 is supported", Map.of("Sec-WebSocket-Version", "13"));
        }
        List<String> keys = h.all("Sec-WebSocket-Key");
        if (keys.size() != 1 || !AcceptKey.isValidKey(keys.get(0))) {
            throw new HttpException(400, "Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        EndpointDefinition endpoint = route.get().endpoint();
        List<ExtensionConfig> offers = parseExtensions(h);
        UpgradeRequest request = new UpgradeRequest(raw, head, route.get().pathParameters(), clientAddress(h), offers,
                transport.tls());
        if (!context.config().originPolicy().allows(request)) {
            throw new HttpException(403, "origin not allowed: " + h.first("Origin"));
        }
        if (!admission.claimAddress(request.remoteAddress().getAddress())) {
            throw new HttpException(503, "the server is busy: try again later", retryAfter());
        }
        Optional<Authenticator> authenticator = endpoint.authenticator().or(() -> context.config().authenticator());
        if (authenticator.isPresent()) {
            authenticate(authenticator.get(), new Pending(endpoint, request, keys.get(0), copy(leftover)));
            return;
        }
        upgrade(endpoint, request, keys.get(0), leftover);
    }

    /** The client's address: the peer's, or the one a trusted proxy forwards. */
    private InetSocketAddress clientAddress(Headers h) {
        TrustedProxies proxies = context.gate().proxies();
        InetSocketAddress peer = transport.remoteAddress();
        return proxies.isEmpty() ? peer : proxies.clientAddress(peer, h.all("Forwarded"), h.all("X-Forwarded-For"));
    }

    private Map<String, String> retryAfter() {
        return Map.of("Retry-After", Long.toString(context.config().limits().retryAfter().toSeconds()));
    }

    /**
     * Asks the authenticator, without waiting for it: the connection reads nothing meanwhile, and
     * the answer continues the handshake on the I/O thread, unless the deadline passed first.
     */
    private void authenticate(Authenticator authenticator, Pending p) throws HttpException {
        CompletionStage<AuthResult> stage;
        try {
            stage = authenticator.authenticate(p.request());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the authenticator of " + p.endpoint() + " failed on " + p.request(), e);
            throw new HttpException(500, "the server failed to accept the connection");
        }
        if (stage == null) {
            LOG.log(System.Logger.Level.WARNING, "the authenticator of " + p.endpoint() + " returned null instead of"
                    + " a stage on " + p.request());
            throw new HttpException(500, "the server failed to accept the connection");
        }
        phase = Phase.AUTHENTICATING;
        pending = p;
        transport.pauseReading(ReadPause.AUTHENTICATING);
        stage.whenComplete((result, error) -> transport.execute(() -> authenticated(p, result, error)));
    }

    private void authenticated(Pending p, AuthResult result, Throwable error) {
        if (phase != Phase.AUTHENTICATING || pending != p) {
            return; // answered meanwhile: timed out, or the server is stopping
        }
        pending = null;
        phase = Phase.READING;
        transport.resumeReading(ReadPause.AUTHENTICATING);
        try {
            if (error != null || result == null) {
                LOG.log(System.Logger.Level.WARNING, "the authenticator of " + p.endpoint() + " failed on " + p.request(),
                        error);
                throw new HttpException(500, "the server failed to accept the connection");
            }
            if (result instanceof AuthResult.Refused refused) {
                refuse(refused.status(), refused.reason(), refused.headers());
                return;
            }
            p.request().authenticated((AuthResult.Accepted) result);
            upgrade(p.endpoint(), p.request(), p.key(), p.leftover());
        } catch (HttpException e) {
            refuse(e.status(), e.getMessage(), e.headers());
        }
    }

    private static ByteBuffer copy(ByteBuffer leftover) {
        return ByteBuffer.allocate(leftover.remaining()).put(leftover).flip();
    }

    private void upgrade(EndpointDefinition endpoint, UpgradeRequest request, String key, ByteBuffer leftover)
            throws HttpException {
        List<String> offered = request.subprotocols();
        for (String p : offered) {
            if (!isToken(p)) {
                throw new HttpException(400, "Sec-WebSocket-Protocol has an element that is not a token: " + p);
            }
        }
        Optional<String> subprotocol = endpoint.subprotocolSelector().select(offered, endpoint.subprotocols(), request);
        if (subprotocol.isPresent() && !offered.contains(subprotocol.get())) {
            throw new HttpException(500, "the subprotocol selector of " + endpoint + " chose '" + subprotocol.get()
                    + "', which the client did not offer");
        }
        Headers response = new Headers();
        response.add("Sec-WebSocket-Accept", AcceptKey.of(key));
        subprotocol.ifPresent(p -> response.add("Sec-WebSocket-Protocol", p));
        try {
            endpoint.handshakeInterceptor().beforeUpgrade(request, response::add);
        } catch (HandshakeRejectedException e) {
            throw new HttpException(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "handshake interceptor of " + endpoint + " failed", e);
            throw new HttpException(500, "the server failed to accept the connection");
        }
        Optional<String> invalid = HttpResponses.invalidField(response);
        if (invalid.isPresent()) { // an application fault, refused before anything is written or negotiated
            LOG.log(System.Logger.Level.WARNING, "handshake interceptor of " + endpoint + " added " + invalid.get()
                    + "; answering 500 to " + request);
            throw new HttpException(500, "the server failed to accept the connection");
        }
        SessionSettings settings = context.settingsFor(endpoint);
        String tag = endpointTag;
        WebSocketMetrics metrics = context.metrics();
        NegotiatedExtensions chain = ExtensionNegotiator.negotiate(request.extensions(), context.extensions(), endpoint,
                new ExtensionContext(settings.maxMessageSize(), (original, compressed) ->
                        metrics.compressed(tag, original, compressed)));
        if (!chain.isEmpty()) {
            response.add("Sec-WebSocket-Extensions", ExtensionConfig.toHeaderValue(chain.configs()));
        }
        phase = Phase.ANSWERED;
        admission.handshakeDone();
        transport.enqueue(HttpResponses.switchingProtocols(response), null, null);
        long sessionId = context.nextSessionId();
        long took = System.nanoTime() - startNanos;
        metrics.handshake(tag, 101, took);
        context.accessLog().log(request.remoteAddress(), method, path, 101, subprotocol.orElse(null),
                chain.configs().stream().map(ExtensionConfig::name).toList(), took, Long.toString(sessionId));
        WebSocketSession session = new WebSocketSession(sessionId, request, subprotocol, chain,
                settings, transport, endpoint.factory());
        request.identity().ifPresent(id -> {
            session.userProperties().putAll(id.attributes());
            id.expiresAt().ifPresent(session::expireAt);
        });
        transport.setProtocol(session);
        session.start(request::compact); // onOpen is where an application reads the request, if at all
        transport.flush();
        if (leftover.hasRemaining()) {
            session.onRead(leftover); // frames the client sent right behind its request
        }
    }

    /** Answers a request without an upgrade; on a persistent connection, waits for the next one. */
    private void servePlainHttp(HttpRequestHead head, byte[] raw, Optional<EndpointRouter.Route> route)
            throws HttpException {
        UpgradeRequest request = new UpgradeRequest(raw, head, Map.of(), clientAddress(head.headers()), List.of(),
                transport.tls());
        PlainHttp.Answer answer = plain.answer(head, route, request);
        if (answer.refusal() != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "refusing " + describe() + " with " + answer.refusal());
            recordRefusal(answer.status());
        }
        if (!answer.keepAlive()) {
            finish(answer.bytes());
            return;
        }
        transport.enqueue(answer.bytes(), null, null);
        transport.flush();
        // ready for the next request on this connection, which is measured and logged on its own
        reader = new HttpHeadReader(HttpHeadReader.StartLine.REQUEST, context.config().maxHandshakeSize());
        current = null;
        startNanos = System.nanoTime();
        deadline = startNanos + context.config().handshakeTimeout().toNanos();
        endpointTag = WebSocketMetrics.UNMATCHED;
        method = "-";
        path = "-";
    }

    private static List<ExtensionConfig> parseExtensions(Headers h) throws HttpException {
        try {
            return ExtensionConfig.parse(h.all("Sec-WebSocket-Extensions"));
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, e.getMessage());
        }
    }

    private static boolean isToken(String s) {
        return s.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0) && !s.isEmpty();
    }

    private void refuse(int status, String message, Map<String, String> headers) {
        LOG.log(System.Logger.Level.DEBUG, () -> "refusing " + describe() + " with " + status + ": " + message);
        recordRefusal(status);
        // the method is known as soon as the request line's first space arrived, even if what follows failed
        finish(HttpResponses.error(status, message, headers, "HEAD".equals(reader.firstWord())));
    }

    /** Counts a refusal in the metrics and writes its access-log line. */
    private void recordRefusal(int status) {
        long took = System.nanoTime() - startNanos;
        context.metrics().handshake(endpointTag, status, took);
        context.accessLog().log(transport.remoteAddress(), method, path, status, null, List.of(), took, null);
    }

    /**
     * The peer, and the request's method and path once they are known: no header values and no
     * query, which may hold credentials.
     */
    private String describe() {
        HttpRequestHead head = current;
        return transport.remoteAddress() + (head == null ? "" : " (" + UpgradeRequest.describe(head) + ")");
    }

    /** Sends a final response, then half-closes and lingers so the client reads it before the reset. */
    private void finish(ByteBuffer response) {
        if (phase == Phase.AUTHENTICATING) {
            transport.resumeReading(ReadPause.AUTHENTICATING); // to see the client's end of stream while lingering
        }
        phase = Phase.ANSWERED;
        pending = null;
        admission.handshakeDone();
        deadline = System.nanoTime() + context.config().closeTimeout().toNanos();
        transport.enqueue(response, null, null);
        transport.shutdownOutput();
    }

    @Override
    public void onEof() {
        transport.close();
    }

    @Override
    public void onTick(long nowNanos) {
        if (nowNanos - deadline <= 0) {
            return;
        }
        switch (phase) {
            case ANSWERED -> transport.close();
            case AUTHENTICATING -> refuse(503, "the server could not check the credentials in time", retryAfter());
            case READING -> {
                if (transport.tlsHandshaking()) {
                    transport.close(); // a TLS handshake that never finished has no channel for a 408
                } else if (!reader.started() && plain.answered() > 0) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "closing " + transport.remoteAddress()
                            + ": idle after " + plain.answered() + " HTTP request(s)");
                    transport.close(); // a persistent connection idle between requests: no request to answer
                } else {
                    refuse(408, "the upgrade request did not arrive within "
                            + context.config().handshakeTimeout().toMillis() + " ms", Map.of());
                }
            }
        }
    }

    @Override
    public void onShutdown() {
        transport.close();
    }

    @Override
    public void onOverload() {
        transport.close();
    }

    @Override
    public void onClosed(Throwable cause) {
        // nothing to release
    }
}
