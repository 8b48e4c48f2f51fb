package dev.wsf.runtime.transport;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Opens one outgoing connection without blocking: registers for OP_CONNECT, and once connected
 * turns the channel into an {@link NioConnection} running the given protocol. Fails the future
 * if the connection is refused or takes longer than the timeout.
 */
final class Connector implements Selectable {
    private final SelectorLoop loop;
    private final InetSocketAddress address;
    private final MemoryBudget budget;
    private final WebSocketMetrics metrics;
    private final TlsSetup tls;
    private final Function<Transport, Protocol> initialProtocol;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private SocketChannel channel;
    private SelectionKey key;
    private SelectorLoop.Timer timeout;

    Connector(SelectorLoop loop, InetSocketAddress address, MemoryBudget budget, WebSocketMetrics metrics, TlsSetup tls,
              Function<Transport, Protocol> initialProtocol) {
        this.metrics = metrics;
        this.tls = tls;
        this.loop = loop;
        this.address = address;
        this.budget = budget;
        this.initialProtocol = initialProtocol;
    }

    CompletableFuture<Void> result() {
        return connected;
    }

    /** Starts connecting; call on the loop thread. */
    void start(long timeoutNanos) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            timeout = loop.schedule(timeoutNanos, () -> fail(new ConnectException(
                    "connecting to " + address + " timed out after " + timeoutNanos / 1_000_000 + " ms")));
            if (channel.connect(address)) {
                finish();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onSelected(int readyOps) {
        try {
            if (channel.finishConnect()) {
                finish();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void finish() throws IOException {
        timeout.cancel();
        NioConnection connection = new NioConnection(channel, loop, budget, metrics, tls, false);
        try {
            connection.adopt(key, initialProtocol);
        } catch (RuntimeException e) {
            connection.closeNow(e);
            throw e;
        }
        connected.complete(null);
    }

    private void fail(Throwable error) {
        if (connected.isDone()) {
            return;
        }
        if (timeout != null) {
            timeout.cancel();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // failing anyway
        }
        connected.completeExceptionally(error);
    }
}
