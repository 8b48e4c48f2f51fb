package dev.wsf.annotations.testing;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An upgrade request with the path and query values a test chooses. */
public final class FakeHandshakeRequest implements HandshakeRequest {
    private final String path;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();

    private FakeHandshakeRequest(String path) {
        this.path = path;
    }

    public static FakeHandshakeRequest to(String path) {
        return new FakeHandshakeRequest(path);
    }

    public FakeHandshakeRequest pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public FakeHandshakeRequest queryParameter(String name, String... values) {
        queryParameters.put(name, List.of(values));
        return this;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public URI requestUri() {
        return URI.create("ws://127.0.0.1:8080" + path);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, String> pathParameters() {
        return Map.copyOf(pathParameters);
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return Map.copyOf(queryParameters);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    @Override
    public List<String> headers(String name) {
        return List.of();
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }

    @Override
    public List<String> subprotocols() {
        return List.of();
    }

    @Override
    public List<ExtensionConfig> extensions() {
        return List.of();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }
}
