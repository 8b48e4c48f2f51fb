package dev.wsf.annotated.testing;

import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A session that records what the endpoint sends and how it closes; no network. Thread-safe. */
public final class FakeSession implements Session {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String id = "fake-" + IDS.incrementAndGet();
    private final FakeHandshakeRequest request;
    private final List<Object> sent = new ArrayList<>();
    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private CloseReason closedWith;

    public FakeSession(FakeHandshakeRequest request) {
        this.request = request;
    }

    public FakeSession() {
        this(FakeHandshakeRequest.to("/"));
    }

    /** Every message sent, in order: {@code String} for text, {@code byte[]} for binary. */
    public synchronized List<Object> sent() {
        return List.copyOf(sent);
    }

    /** The text messages sent, in order. */
    public synchronized List<String> sentText() {
        return sent.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** The binary messages sent, in order. */
    public synchronized List<byte[]> sentBinary() {
        return sent.stream().filter(byte[].class::isInstance).map(byte[].class::cast).toList();
    }

    /** How the endpoint closed the session, if it did. */
    public synchronized Optional<CloseReason> closedWith() {
        return Optional.ofNullable(closedWith);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Role role() {
        return Role.SERVER;
    }

    @Override
    public URI requestUri() {
        return request.requestUri();
    }

    @Override
    public Map<String, String> pathParameters() {
        return request.pathParameters();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return request.queryParameters();
    }

    @Override
    public HandshakeRequest handshakeRequest() {
        return request;
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
        return request.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public synchronized boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public long bufferedAmount() {
        return 0;
    }

    @Override
    public synchronized CompletionStage<Void> sendText(CharSequence text) {
        return record(text.toString());
    }

    @Override
    public synchronized CompletionStage<Void> sendText(CharSequence fragment, boolean last) {
        return record(fragment.toString());
    }

    @Override
    public synchronized CompletionStage<Void> sendBinary(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return record(copy);
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer fragment, boolean last) {
        return sendBinary(fragment);
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer payload) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> sendPong(ByteBuffer payload) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> close(CloseReason reason) {
        if (closedWith == null) {
            closedWith = reason;
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> record(Object message) {
        if (closedWith != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        sent.add(message);
        return CompletableFuture.completedFuture(null);
    }

    /** A binary message as text, for readable assertions. */
    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
