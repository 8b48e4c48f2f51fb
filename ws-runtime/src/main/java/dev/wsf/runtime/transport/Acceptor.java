package dev.wsf.runtime.transport;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * Accepts connections on the first loop and deals them out to all loops in turn. When accepting
 * fails (say, out of file descriptors) it pauses briefly instead of spinning.
 */
final class Acceptor implements Selectable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    private static final long PAUSE_NANOS = 100_000_000;

    private final ServerSocketChannel server;
    private final SelectorLoop[] loops;
    private final MemoryBudget budget;
    private final WebSocketMetrics metrics;
    private final TlsSetup tls;
    private final boolean proxyProtocol;
    private final Function<Transport, Protocol> initialProtocol;
    private SelectionKey key;
    private int next;
    private long pausedUntil;
    private boolean failing;

    Acceptor(ServerSocketChannel server, SelectorLoop[] loops, MemoryBudget budget, WebSocketMetrics metrics,
             TlsSetup tls, boolean proxyProtocol, Function<Transport, Protocol> initialProtocol) {
        this.metrics = metrics;
        this.tls = tls;
        this.proxyProtocol = proxyProtocol;
        this.server = server;
        this.loops = loops;
        this.budget = budget;
        this.initialProtocol = initialProtocol;
    }

    /** Registers for OP_ACCEPT on the first loop; call on that loop. */
    void register() throws IOException {
        key = server.register(loops[0].selector(), SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void onSelected(int readyOps) {
        for (int i = 0; i < 256; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                pause(e);
                return;
            }
            if (channel == null) {
                return;
            }
            failing = false;
            SelectorLoop loop = loops[next++ % loops.length];
            loop.execute(() -> adopt(channel, loop));
        }
    }

    /**
     * Accepting failed, most likely for want of file descriptors: retrying at once would spin.
     * Said once at WARNING per run of failures, then at DEBUG, so the log does not fill up.
     */
    private void pause(IOException e) {
        System.Logger.Level level = failing ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
        failing = true;
        LOG.log(level, () -> "accepting connections failed (" + e + "); pausing for 100 ms, and retrying every"
                + " 100 ms while it keeps failing");
        key.interestOps(0);
        pausedUntil = System.nanoTime() + PAUSE_NANOS;
    }

    /** Re-enables accepting after a pause; called on the first loop's tick. */
    void tick(long now) {
        if (pausedUntil != 0 && now - pausedUntil >= 0 && key.isValid()) {
            pausedUntil = 0;
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void adopt(SocketChannel channel, SelectorLoop loop) {
        NioConnection connection = null;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection = new NioConnection(channel, loop, budget, metrics, tls, proxyProtocol);
            connection.register(initialProtocol.apply(connection));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "setting up an accepted connection failed", e);
            if (connection != null) {
                connection.closeNow(e);
            } else {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    void close() {
        try {
            if (key != null) {
                key.cancel();
            }
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the server socket failed", e);
        }
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }
}
