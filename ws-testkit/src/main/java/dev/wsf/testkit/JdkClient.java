package dev.wsf.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

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
    /** When set, the typed {@code next...} methods pass over pings (a server's heartbeat). */
    private volatile boolean skipPings;

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

    /**
     * Connects with an {@link HttpClient} whose TLS uses {@code tls} (for {@code wss://}: a
     * context that trusts the server's CA), offering {@code subprotocols}, most preferred first.
     * The JDK checks the server's certificate and its name as for any HTTPS request.
     */
    public static JdkClient connect(URI uri, SSLContext tls, String... subprotocols) {
        WebSocket.Builder builder = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return new JdkClient(uri, builder);
    }

    /** Connects offering {@code subprotocols}, most preferred first. */
    public static JdkClient connect(String uri, String... subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return new JdkClient(URI.create(uri), builder);
    }

    /**
     * From now on {@link #nextText()}, {@link #nextBinary()} and {@link #nextClose()} pass over
     * pings, for servers with a heartbeat; {@link #next()} still returns them.
     */
    public JdkClient skipPings() {
        skipPings = true;
        return this;
    }

    /** The next event, failing the test if none arrives within 10 seconds. */
    public Object next() throws InterruptedException {
        Object e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    /** The next event, passing over pings if {@link #skipPings()} was called. */
    private Object nextExpected() throws InterruptedException {
        Object e = next();
        while (skipPings && e instanceof Ping) {
            e = next();
        }
        return e;
    }

    public String nextText() throws InterruptedException {
        Object e = nextExpected();
        if (!(e instanceof String s)) {
            throw new AssertionError("expected a text message, got " + e);
        }
        return s;
    }

    public ByteBuffer nextBinary() throws InterruptedException {
        Object e = nextExpected();
        if (!(e instanceof ByteBuffer b)) {
            throw new AssertionError("expected a binary message, got " + e);
        }
        return b;
    }

    public Closed nextClose() throws InterruptedException {
        Object e = nextExpected();
        if (!(e instanceof Closed c)) {
            throw new AssertionError("expected a close, got " + e);
        }
        return c;
    }

    /** Sends a whole text message and waits until the JDK has written it. */
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
