package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Opens many upgraded connections (over TLS if asked, or raw TCP connections) and holds them
 * idle, so the caller can read the server's memory. At most {@code pending} handshakes are in progress at once, which keeps the server's
 * accept queue from overflowing (a dropped SYN costs a 1 s retransmit, not memory).
 *
 * <p>Prints {@code HELD <n>} once all are open, then waits for a line or end-of-file on stdin
 * (or {@code --hold} seconds), checking meanwhile that the server closes none of them.
 */
final class IdleRun {

    private static final long STALL_NANOS = 30_000_000_000L;

    private final Options options;
    private final List<IdleConnection> connections = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(1024);
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final Tls tls;
    private volatile boolean released;
    private int pending;
    private int held;
    private int failed;
    private int dropped;
    private IOException lastError;

    IdleRun(Options options) throws IOException {
        this.options = options;
        this.tls = Tls.of(options);
    }

    String run() throws IOException {
        try (Selector selector = Selector.open()) {
            long start = System.nanoTime();
            openAll(selector);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println("HELD " + held);
            System.out.flush();

            watchStdin(selector);
            long deadline = System.nanoTime() + (long) (options.holdSeconds() * 1e9);
            while (!released && System.nanoTime() < deadline) {
                selector.select(onReady, 200);
            }
            return String.format(Locale.ROOT, "mode=idle protocol=%s tls=%s held=%d failed=%d dropped=%d open_seconds=%.2f",
                    options.raw() ? "raw" : "websocket", tls != null ? "TLSv1.3/" + options.tlsCipher() : "none",
                    held, failed, dropped, openSeconds);
        } finally {
            connections.forEach(c -> Connector.abort(c.channel()));
        }
    }

    private void openAll(Selector selector) throws IOException {
        int target = options.connections();
        long lastProgress = System.nanoTime();
        int lastHeld = 0;
        while (held < target) {
            while (held + pending < target && pending < options.pending()) {
                start(selector);
            }
            selector.select(onReady, 100);
            if (failed > Math.max(10, target / 100)) {
                throw new IOException(failed + " connections failed, last: " + lastError.getMessage(), lastError);
            }
            if (held != lastHeld) {
                lastHeld = held;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new IOException("no connection completed for 30 s (" + held + " held)");
            }
        }
    }

    private void start(Selector selector) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            IdleConnection c = new IdleConnection(ch, options.raw() ? null : Handshake.create(options),
                    tls != null ? new TlsLink(ch, tls.newEngine(), 1) : null);
            ch.connect(options.address());
            ch.register(selector, SelectionKey.OP_CONNECT, c);
            connections.add(c);
            pending++;
        } catch (IOException e) {
            failed++;
            lastError = e;
            if (ch != null) {
                Connector.abort(ch);
            }
        }
    }

    private void onReady(SelectionKey key) {
        IdleConnection c = (IdleConnection) key.attachment();
        boolean wasOpen = c.state() == IdleConnection.State.OPEN;
        try {
            boolean opened = key.isConnectable() ? c.onConnectable(key) : c.onReady(key, scratch);
            if (opened) {
                pending--;
                held++;
            }
        } catch (IOException e) {
            key.cancel();
            Connector.abort(c.channel());
            lastError = e;
            if (wasOpen) {
                held--;
                dropped++;
            } else {
                pending--;
                failed++;
            }
        }
    }

    /** A line or end-of-file on stdin releases the connections. */
    private void watchStdin(Selector selector) {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                int b;
                do {
                    b = in.read();
                } while (b != -1 && b != '\n');
            } catch (IOException ignored) {
                // Treat a broken stdin like end-of-file.
            }
            released = true;
            selector.wakeup();
        }, "stdin-release");
        t.setDaemon(true);
        t.start();
    }
}
