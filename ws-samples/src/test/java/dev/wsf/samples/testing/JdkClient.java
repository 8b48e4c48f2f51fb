package dev.wsf.samples.testing;

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
 * The JDK's WebSocket client with every event recorded in order: {@code String} for a text
 * message, {@code ByteBuffer} for a binary one, {@link Ping}, {@link Closed}, {@link Throwable}.
 */
public final class JdkClient implements AutoCloseable {
    public record Ping(ByteBuffer payload) {
    }

    public record Closed(int code, String reason) {
    }

    public final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    public final WebSocket socket;

    private JdkClient(URI uri, String... subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static JdkClient connect(String uri, String... subprotocols) {
        return new JdkClient(URI.create(uri), subprotocols);
    }

    /** The next event, failing the test if none arrives within 10 seconds. */
    public Object next() throws InterruptedException {
        Object e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    /** The next event that is not a ping. */
    public Object nextMessage() throws InterruptedException {
        Object e;
        do {
            e = next();
        } while (e instanceof Ping);
        return e;
    }

    public String nextText() throws InterruptedException {
        Object e = nextMessage();
        if (!(e instanceof String s)) {
            throw new AssertionError("expected a text message, got " + e);
        }
        return s;
    }

    public ByteBuffer nextBinary() throws InterruptedException {
        Object e = nextMessage();
        if (!(e instanceof ByteBuffer b)) {
            throw new AssertionError("expected a binary message, got " + e);
        }
        return b;
    }

    public Closed nextClose() throws InterruptedException {
        Object e = nextMessage();
        if (!(e instanceof Closed c)) {
            throw new AssertionError("expected a close, got " + e);
        }
        return c;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
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
            binary = ByteBuffer.allocate(binary.remaining() + data.remaining()).put(binary).put(data).flip();
            if (last) {
                events.add(binary);
                binary = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            events.add(new Ping(ByteBuffer.allocate(message.remaining()).put(message).flip()));
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
}
