package dev.wsf.api;

import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of an HTTP upgrade request. Header names are matched case-insensitively.
 *
 * @since 0.1
 */
public interface HandshakeRequest {

    /**
     * The HTTP method; always GET for an upgrade that reaches an endpoint.
     *
     * @return the method, e.g. {@code GET}
     */
    String method();

    /**
     * The full request URI, e.g. {@code ws://example.com:8080/chat/lobby?user=ann}.
     *
     * @return the URI built from the scheme ({@code ws} or {@code wss}), the {@code Host} header, the
     *         path and the raw query
     */
    URI requestUri();

    /**
     * The path of the request target, percent-encoded as it was sent.
     *
     * @return the path without the query, e.g. {@code /chat/lobby}
     */
    String path();

    /**
     * The values bound to the endpoint's path template variables.
     *
     * @return the values by variable name, e.g. {@code room -> lobby} for {@code /chat/{room}}; empty
     *         when the template has no variables
     */
    Map<String, String> pathParameters();

    /**
     * The decoded query parameters, in order of appearance.
     *
     * @return the values of each name, percent-decoded as UTF-8 ({@code +} as a space); a name
     *         without {@code =} has the value {@code ""}; empty without a query
     */
    Map<String, List<String>> queryParameters();

    /**
     * The first value of the named header.
     *
     * @param name the header name, in any case
     * @return the first value, or empty if the header is absent
     */
    Optional<String> header(String name);

    /**
     * Every value of the named header, in order; empty when absent.
     *
     * @param name the header name, in any case
     * @return the values in the order they were sent; a comma-separated value counts as
     *         one
     */
    List<String> headers(String name);

    /**
     * All headers, keyed by name (the map's lookups ignore case).
     *
     * @return every header with all its values, in order
     */
    Map<String, List<String>> headers();

    /**
     * The subprotocols the client offered, most preferred first.
     *
     * @return the tokens of every {@code Sec-WebSocket-Protocol} header; empty if it offered none
     */
    List<String> subprotocols();

    /**
     * The extensions the client offered, most preferred first.
     *
     * @return the offers of the {@code Sec-WebSocket-Extensions} headers with their parameters;
     *         empty if it offered none
     */
    List<ExtensionConfig> extensions();

    /**
     * The Origin header, sent by browsers. A server's {@link dev.wsf.api.config.OriginPolicy}
     * checks it before the endpoint sees the request.
     *
     * @return the origin, e.g. {@code https://example.com}, or empty if the header is absent
     */
    default Optional<String> origin() {
        return header("Origin");
    }

    /**
     * The address of the peer that sent the request: behind a trusted proxy or with the PROXY
     * protocol, the client's address as the proxy gave it (see
     * {@link dev.wsf.api.config.ConnectionLimits}).
     *
     * @return the peer's IP address and port
     */
    InetSocketAddress remoteAddress();

    /**
     * Who the client is, as an {@link dev.wsf.api.auth.Authenticator} established; empty without one.
     *
     * @return the principal the authenticator accepted the request with, or empty
     */
    default Optional<java.security.Principal> principal() {
        return Optional.empty();
    }

    /**
     * What the TLS handshake settled, for a {@code wss://} connection; empty for {@code ws://}.
     *
     * @return the protocol, cipher suite, SNI name and peer certificates, or empty
     */
    default Optional<TlsInfo> tls() {
        return Optional.empty();
    }
}
