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

    /** The HTTP method; always GET for an upgrade that reaches an endpoint. */
    String method();

    /** The full request URI, e.g. {@code ws://example.com:8080/chat/lobby?user=ann}. */
    URI requestUri();

    /** The path of the request target, percent-encoded as it was sent. */
    String path();

    /** The values bound to the endpoint's path template variables. */
    Map<String, String> pathParameters();

    /** The decoded query parameters, in order of appearance. */
    Map<String, List<String>> queryParameters();

    /** The first value of the named header. */
    Optional<String> header(String name);

    /** Every value of the named header, in order; empty when absent. */
    List<String> headers(String name);

    /** All headers, keyed by name (the map's lookups ignore case). */
    Map<String, List<String>> headers();

    /** The subprotocols the client offered, most preferred first. */
    List<String> subprotocols();

    /** The extensions the client offered, most preferred first. */
    List<ExtensionConfig> extensions();

    /** The Origin header, sent by browsers. */
    default Optional<String> origin() {
        return header("Origin");
    }

    /** The address of the peer that sent the request. */
    InetSocketAddress remoteAddress();

    /** Who the client is, as an {@link dev.wsf.api.auth.Authenticator} established; empty without one. */
    default Optional<java.security.Principal> principal() {
        return Optional.empty();
    }

    /** What the TLS handshake settled, for a {@code wss://} connection; empty for {@code ws://}. */
    default Optional<TlsInfo> tls() {
        return Optional.empty();
    }
}
