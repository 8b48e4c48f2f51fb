package dev.wsf.annotated.testing;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An upgrade request with the path and query values a test chooses. */
public final class FakeHandshakeRequest implements HandshakeRequest {
    private final String path;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Principal principal;

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

    public FakeHandshakeRequest header(String name, String value) {
        headers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        return this;
    }

    /** The request as an authenticator accepted it, as {@code principal}. */
    public FakeHandshakeRequest principal(Principal principal) {
        this.principal = principal;
        return this;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
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
        return headers(name).stream().findFirst();
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Map<String, List<String>> headers() {
        return java.util.Collections.unmodifiableMap(headers);
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
