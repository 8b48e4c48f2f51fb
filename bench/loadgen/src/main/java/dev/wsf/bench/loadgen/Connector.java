package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Opens connections one at a time, before any load starts (so setup speed never shows up in a
 * result): TCP connect, then the TLS handshake if the options ask for TLS, then the WebSocket
 * upgrade unless the run is raw. Returns them non-blocking and registered with no selector.
 */
final class Connector implements AutoCloseable {

    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private final Options options;
    private final Tls tls;
    private final int tlsRecords;
    private final Selector selector;
    private final ByteBuffer response = ByteBuffer.allocate(16 * 1024);

    /**
     * @param tlsRecords with TLS, how many records one write may encrypt before it writes them
     */
    Connector(Options options, int tlsRecords) throws IOException {
        this.options = options;
        this.tls = Tls.of(options);
        this.tlsRecords = tlsRecords;
        this.selector = Selector.open();
    }

    Link open() throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(options.address(), 5_000);
            ch.configureBlocking(false);
            Link link = Link.plain(ch);
            if (tls != null) {
                TlsLink t = new TlsLink(ch, tls.newEngine(), tlsRecords);
                handshake(t);
                link = t;
            }
            if (!options.raw()) {
                upgrade(link, Handshake.create(options));
            }
            return link;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void handshake(TlsLink link) throws IOException {
        SelectionKey key = link.channel().register(selector, 0);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try {
            int ops;
            while ((ops = link.handshake()) != 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no TLS handshake within 10 s");
                }
                key.interestOps(ops);
                selector.select(100);
                selector.selectedKeys().clear();
            }
        } finally {
            key.cancel();
            selector.selectNow();   // completes the deregistration, so another selector may take it
        }
    }

    private void upgrade(Link link, Handshake handshake) throws IOException {
        ByteBuffer request = handshake.request();
        while (request.hasRemaining() || !link.flush()) {
            link.write(request);
        }
        response.clear();
        SelectionKey key = link.channel().register(selector, SelectionKey.OP_READ);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try {
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no handshake response within 10 s");
                }
                selector.select(100);
                selector.selectedKeys().clear();
                if (link.read(response) < 0) {
                    throw new IOException("server closed the connection during the handshake");
                }
                response.flip();
                int head = handshake.check(response);
                if (head >= 0) {
                    if (response.remaining() != head || link.hasBufferedInput()) {
                        throw new IOException("unexpected bytes after the handshake response");
                    }
                    return;
                }
                response.position(response.limit()).limit(response.capacity());
            }
        } finally {
            key.cancel();
            selector.selectNow();
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
