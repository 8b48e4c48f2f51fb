package dev.wsf.runtime.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own WebSocket client, a peer we did not write, with every event it sees recorded in
 * order: {@code String} for a text message, {@code ByteBuffer} for a binary one, {@link Ping},
 * {@link Pong}, {@link Closed}, {@link Throwable}.
 */
public final class JdkClient implements AutoCloseable {
    public record Ping(ByteBuffer payload) {
    }

    public record Pong(ByteBuffer payload) {
    }

    public record Closed(int code, String reason) {
    }

    public final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    public final WebSocket socket;

    private JdkClient(URI uri, WebSocket.Builder builder) {
        Listener listener = new Listener();
        this.socket = builder.connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, listener).join();
    }

    public static JdkClient connect(URI uri) {
        return new JdkClient(uri, HttpClient.newHttpClient().newWebSocketBuilder());
    }

    public static JdkClient connect(URI uri, WebSocket.Builder builder) {
        return new JdkClient(uri, builder);
    }

    /** The next event, failing the test if none arrives within 10 seconds. */
    public Object next() throws InterruptedException {
        Object e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    public String nextText() throws InterruptedException {
        Object e = next();
        if (!(e instanceof String s)) {
            throw new AssertionError("expected a text message, got " + e);
        }
        return s;
    }

    public ByteBuffer nextBinary() throws InterruptedException {
        Object e = next();
        if (!(e instanceof ByteBuffer b)) {
            throw new AssertionError("expected a binary message, got " + e);
        }
        return b;
    }

    public Closed nextClose() throws InterruptedException {
        Object e = next();
        if (!(e instanceof Closed c)) {
            throw new AssertionError("expected a close, got " + e);
        }
        return c;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer grown = ByteBuffer.allocate(binary.remaining() + data.remaining());
            grown.put(binary).put(data).flip();
            binary = grown;
            if (last) {
                events.add(binary);
                binary = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            events.add(new Ping(copy(message)));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            events.add(new Pong(copy(message)));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.add(error);
        }
    }

    private static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b).flip();
    }
}
