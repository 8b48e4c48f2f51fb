package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Opens upgraded connections one at a time, before any load starts (so setup speed never shows
 * up in a result). Returns them non-blocking and registered with no selector.
 */
final class Connector implements AutoCloseable {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private final Options options;
    private final Selector selector;
    private final ByteBuffer response = ByteBuffer.allocate(16 * 1024);

    Connector(Options options) throws IOException {
        this.options = options;
        this.selector = Selector.open();
    }

    SocketChannel open() throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(options.address(), 5_000);
            ch.configureBlocking(false);
            upgrade(ch, Handshake.create(options));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void upgrade(SocketChannel ch, Handshake handshake) throws IOException {
        ByteBuffer request = handshake.request();
        while (request.hasRemaining()) {
            ch.write(request);
        }
        response.clear();
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try {
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no handshake response within 10 s");
                }
                selector.select(100);
                selector.selectedKeys().clear();
                if (ch.read(response) < 0) {
                    throw new IOException("server closed the connection during the handshake");
                }
                response.flip();
                int head = handshake.check(response);
                if (head >= 0) {
                    if (response.remaining() != head) {
                        throw new IOException("unexpected bytes after the handshake response");
                    }
                    return;
                }
                response.position(response.limit()).limit(response.capacity());
            }
        } finally {
            key.cancel();
            selector.selectNow();   // completes the deregistration, so another selector may take it
        }
    }

    /** Closes with RST (linger 0): no TIME_WAIT left behind, so repeated runs never run out of ports. */
    static void abort(SocketChannel ch) {
        try {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            ch.close();
        } catch (IOException ignored) {
            // Closing is best effort at the end of a run.
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
