package dev.wsf.runtime.client;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.TlsInfo;
import java.util.Optional;
import java.util.function.Supplier;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.runtime.http.Headers;
import dev.wsf.runtime.http.QueryString;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The upgrade request a client sends, and its {@link HandshakeRequest} view for the session. */
final class ClientRequest implements HandshakeRequest {
    private final URI uri;
    private final String target;
    private final Headers headers;
    private final List<String> subprotocols;
    private final List<ExtensionConfig> extensions;
    private final InetSocketAddress remoteAddress;
    private final Supplier<Optional<TlsInfo>> tls;

    /** @param tls what the TLS handshake settled, known once it is done (the request goes out after it) */
    ClientRequest(URI uri, Headers headers, List<String> subprotocols, List<ExtensionConfig> extensions,
                  InetSocketAddress remoteAddress, Supplier<Optional<TlsInfo>> tls) {
        this.tls = tls;
        this.uri = uri;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        this.headers = headers;
        this.subprotocols = List.copyOf(subprotocols);
        this.extensions = List.copyOf(extensions);
        this.remoteAddress = remoteAddress;
    }

    /** The request head as it goes on the wire. */
    ByteBuffer bytes() {
        StringBuilder sb = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\n");
        for (int i = 0; i < headers.size(); i++) {
            sb.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
        }
        return ByteBuffer.wrap(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public URI requestUri() {
        return uri;
    }

    @Override
    public String path() {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    @Override
    public Map<String, String> pathParameters() {
        return Map.of();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return QueryString.parse(uri.getRawQuery());
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.first(name));
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(headers.all(name));
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers.toMap();
    }

    @Override
    public List<String> subprotocols() {
        return subprotocols;
    }

    @Override
    public List<ExtensionConfig> extensions() {
        return extensions;
    }

    @Override
    public Optional<TlsInfo> tls() {
        return tls.get();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }
}
