package dev.wsf.runtime.server;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.TlsInfo;
import dev.wsf.api.auth.AuthResult;
import java.security.Principal;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.runtime.http.HttpRequestHead;
import dev.wsf.runtime.http.QueryString;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link HandshakeRequest} view of a request a server received. It keeps the parsed head and
 * derives the rest on demand, since a session holds it for its whole life.
 */
final class UpgradeRequest implements HandshakeRequest {
    private final HttpRequestHead head;
    private final Map<String, String> pathParameters;
    private final InetSocketAddress remoteAddress;
    private final List<ExtensionConfig> extensions;
    private final Optional<TlsInfo> tls;
    private volatile AuthResult.Accepted identity; // set on the I/O thread before the session exists

    UpgradeRequest(HttpRequestHead head, Map<String, String> pathParameters, InetSocketAddress remoteAddress,
                   List<ExtensionConfig> extensions, Optional<TlsInfo> tls) {
        this.head = head;
        this.pathParameters = pathParameters;
        this.remoteAddress = remoteAddress;
        this.extensions = extensions;
        this.tls = tls;
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
        return head.method();
    }

    @Override
    public URI requestUri() {
        return RequestUri.of(tls.isPresent() ? "wss" : "ws", head.headers().first("Host"), head.path(), head.rawQuery());
    }

    @Override
    public String path() {
        return head.path();
    }

    @Override
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return QueryString.parse(head.rawQuery());
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(head.headers().first(name));
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(head.headers().all(name));
    }

    @Override
    public Map<String, List<String>> headers() {
        return head.headers().toMap();
    }

    @Override
    public List<String> subprotocols() {
        return head.headers().list("Sec-WebSocket-Protocol");
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
        return describe(head);
    }

    /** {@code GET /chat?...}: what a log line may show of a request. */
    static String describe(HttpRequestHead head) {
        return head.method() + " " + head.path() + (head.rawQuery() == null ? "" : "?...");
    }
}
