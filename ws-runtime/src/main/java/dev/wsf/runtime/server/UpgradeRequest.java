package dev.wsf.runtime.server;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.TlsInfo;
import dev.wsf.api.auth.AuthResult;
import java.security.Principal;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.runtime.http.HeadFields;
import dev.wsf.runtime.http.HttpException;
import dev.wsf.runtime.http.HttpRequestHead;
import dev.wsf.runtime.http.QueryString;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link HandshakeRequest} view of a request a server received. A session holds it for its
 * whole life, so it derives what it can on demand, and keeps the parsed head only while the
 * handshake and {@code onOpen} read it: after {@link #compact()}, one array of the bytes that
 * arrived answers instead of a string for every header name and value. Fields are then found by
 * a scan of those bytes, anything else by parsing them again.
 */
final class UpgradeRequest implements HandshakeRequest {
    /** The request as it arrived. */
    private final byte[] raw;
    /** The parsed head until {@link #compact()}, then null. */
    private volatile HttpRequestHead parsed;
    private final Map<String, String> pathParameters;
    private final InetSocketAddress remoteAddress;
    private final List<ExtensionConfig> extensions;
    private final Optional<TlsInfo> tls;
    private volatile AuthResult.Accepted identity; // set on the I/O thread before the session exists

    /**
     * @param raw  the request head as it arrived, which {@code head} was parsed from
     * @param head the parsed head
     */
    UpgradeRequest(byte[] raw, HttpRequestHead head, Map<String, String> pathParameters, InetSocketAddress remoteAddress,
                   List<ExtensionConfig> extensions, Optional<TlsInfo> tls) {
        this.raw = raw;
        this.parsed = head;
        this.pathParameters = pathParameters;
        this.remoteAddress = remoteAddress;
        this.extensions = extensions;
        this.tls = tls;
    }

    /** Lets go of the parsed head: the session is open, and the application rarely asks again. */
    void compact() {
        parsed = null;
    }

    /** The parsed head: the one kept, or the bytes parsed again. */
    private HttpRequestHead head() {
        HttpRequestHead head = parsed;
        if (head != null) {
            return head;
        }
        try {
            return HttpRequestHead.parse(raw);
        } catch (HttpException e) {
            throw new IllegalStateException("a request head that parsed once no longer does", e);
        }
    }

    @Override
    public Optional<TlsInfo> tls() {
        return tls;
    }

    @Override
    public Optional<Principal> principal() {
        AuthResult.Accepted i = identity;
        return i == null ? Optional.empty() : Optional.of(i.principal());
    }

    /** What the authenticator accepted the request with, if there is one. */
    Optional<AuthResult.Accepted> identity() {
        return Optional.ofNullable(identity);
    }

    void authenticated(AuthResult.Accepted accepted) {
        this.identity = accepted;
    }

    @Override
    public String method() {
        return head().method();
    }

    @Override
    public URI requestUri() {
        HttpRequestHead head = head();
        return RequestUri.of(tls.isPresent() ? "wss" : "ws", head.headers().first("Host"), head.path(), head.rawQuery());
    }

    @Override
    public String path() {
        return head().path();
    }

    @Override
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return QueryString.parse(head().rawQuery());
    }

    @Override
    public Optional<String> header(String name) {
        HttpRequestHead head = parsed;
        return Optional.ofNullable(head != null ? head.headers().first(name) : HeadFields.first(raw, name));
    }

    @Override
    public List<String> headers(String name) {
        HttpRequestHead head = parsed;
        return List.copyOf(head != null ? head.headers().all(name) : HeadFields.all(raw, name));
    }

    @Override
    public Map<String, List<String>> headers() {
        return head().headers().toMap();
    }

    @Override
    public List<String> subprotocols() {
        return head().headers().list("Sec-WebSocket-Protocol");
    }

    @Override
    public List<ExtensionConfig> extensions() {
        return extensions;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The method and path, for logs; a query is shown as {@code ?...}, since it may carry a token. */
    @Override
    public String toString() {
        return describe(head());
    }

    /** {@code GET /chat?...}: what a log line may show of a request. */
    static String describe(HttpRequestHead head) {
        return head.method() + " " + head.path() + (head.rawQuery() == null ? "" : "?...");
    }
}
