package dev.wsf.bench;

import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.TlsInfo;
import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A session whose sends only count, for benchmarking what sits above the runtime. */
final class StubSession implements Session, HandshakeRequest {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private final Map<String, Object> properties = new HashMap<>();
    int sent;

    @Override
    public String id() {
        return "bench";
    }

    @Override
    public Role role() {
        return Role.SERVER;
    }

    @Override
    public URI requestUri() {
        return URI.create("ws://localhost/echo");
    }

    @Override
    public Map<String, String> pathParameters() {
        return Map.of();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return Map.of();
    }

    @Override
    public HandshakeRequest handshakeRequest() {
        return this;
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.empty();
    }

    @Override
    public List<ExtensionConfig> extensions() {
        return List.of();
    }

    @Override
    public Map<String, Object> userProperties() {
        return properties;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public long bufferedAmount() {
        return 0;
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence text) {
        sent++;
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence fragment, boolean last) {
        sent++;
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        sent++;
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer fragment, boolean last) {
        sent++;
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer payload) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendPong(ByteBuffer payload) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> close(CloseReason reason) {
        return DONE;
    }

    // Session and HandshakeRequest both have defaults for these two: pick one.

    @Override
    public Optional<TlsInfo> tls() {
        return Optional.empty();
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.empty();
    }

    // HandshakeRequest

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/echo";
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
}
