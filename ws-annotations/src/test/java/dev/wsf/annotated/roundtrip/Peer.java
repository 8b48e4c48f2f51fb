package dev.wsf.annotated.roundtrip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code java.net.http.WebSocket} as the far end, recording what it receives:
 * {@code String} for text, {@code byte[]} for binary, {@link Closed} for the close.
 */
final class Peer implements AutoCloseable {
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final WebSocket socket;

    private Peer(URI uri, List<String> subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new Recorder()).join();
    }

    static Peer connect(URI uri, String... subprotocols) {
        return new Peer(uri, List.of(subprotocols));
    }

    Object next() throws InterruptedException {
        Object event = received.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("nothing received within 10 s");
        }
        return event;
    }

    String nextText() throws InterruptedException {
        Object event = next();
        if (event instanceof String s) {
            return s;
        }
        throw new AssertionError("expected text, got " + describe(event));
    }

    byte[] nextBinary() throws InterruptedException {
        Object event = next();
        if (event instanceof byte[] b) {
            return b;
        }
        throw new AssertionError("expected binary, got " + describe(event));
    }

    Closed nextClose() throws InterruptedException {
        Object event = next();
        if (event instanceof Closed c) {
            return c;
        }
        throw new AssertionError("expected a close, got " + describe(event));
    }

    private static String describe(Object event) {
        return event instanceof byte[] b ? "binary of " + b.length + " bytes" : String.valueOf(event);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                received.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            received.add(new Closed(statusCode, reason));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            received.add(error);
        }
    }
}
