package dev.wsf.runtime.transport;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The I/O threads of a server or client: a fixed set of {@link SelectorLoop}s, an optional
 * listening socket, the memory budget their connections share, and the lifecycle around them.
 * The only entry point of the transport package.
 */
public final class IoLoops {
    private final SelectorLoop[] loops;
    private final MemoryBudget budget;
    private final WebSocketMetrics metrics;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final List<Acceptor> acceptors = new CopyOnWriteArrayList<>();

    /**
     * @param threads    how many loops (threads) to run
     * @param namePrefix thread name prefix, e.g. {@code wsf-io}
     * @param tick       how often connections are asked to check their deadlines
     * @param budget     the memory all connections may hold together
     * @param metrics    told of bytes, read pauses and TLS failures
     * @param onDeath    told (on the dying loop's thread) if a loop gives up; the owner should stop
     */
    public IoLoops(int threads, String namePrefix, Duration tick, MemoryBudget budget, WebSocketMetrics metrics,
                   Consumer<Throwable> onDeath) {
        this.budget = budget;
        this.metrics = metrics;
        loops = new SelectorLoop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new SelectorLoop(namePrefix + "-" + i, tick.toNanos());
            loops[i].onDeath(onDeath);
        }
        loops[0].onTick(now -> {
            for (Acceptor a : acceptors) {
                a.tick(now);
            }
        });
        for (SelectorLoop loop : loops) {
            loop.start();
        }
    }

    /**
     * Listens on {@code address}; each accepted connection starts with the protocol that
     * {@code initialProtocol} makes for it, over TLS if {@code tls} is not null, after a PROXY
     * protocol header if {@code proxyProtocol}. May be called more than once, for several listeners.
     *
     * @param address the address to bind; port 0 for any free port
     * @param backlog the length of the queue of connections not yet accepted, as
     *                {@code ServerSocketChannel.bind} takes it
     * @param tls the TLS engines and the executor for their tasks, or null for plain TCP
     * @param proxyProtocol whether every connection must start with a PROXY protocol (v1 or v2)
     *                      header
     * @param initialProtocol makes the first protocol of each connection, on its I/O thread
     * @return the bound address (with the real port if 0 was asked for)
     * @throws IOException if the address cannot be bound, or the first loop does not start
     *                     accepting within 10 seconds
     */
    public InetSocketAddress listen(InetSocketAddress address, int backlog, TlsSetup tls, boolean proxyProtocol,
                                    Function<Transport, Protocol> initialProtocol) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, backlog);
            server.configureBlocking(false);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Acceptor a = new Acceptor(server, loops, budget, metrics, tls, proxyProtocol, initialProtocol);
        CompletableFuture<Void> registered = new CompletableFuture<>();
        loops[0].execute(() -> {
            try {
                a.register();
                registered.complete(null);
            } catch (IOException | RuntimeException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            a.close();
            throw new IOException("could not start accepting connections", e);
        }
        acceptors.add(a);
        return a.localAddress();
    }

    /**
     * Opens a connection to {@code address} on one of the loops; once connected it runs the
     * protocol that {@code initialProtocol} makes for it, over TLS if {@code tls} is not null.
     *
     * @param address the resolved address to connect to
     * @param timeout how long the TCP connection may take
     * @param tls the TLS engine and the executor for its tasks, or null for plain TCP
     * @param initialProtocol makes the first protocol of each connection, on its I/O thread
     * @return completes when the TCP connection is established; fails if refused or too slow
     */
    public CompletableFuture<Void> connect(InetSocketAddress address, Duration timeout, TlsSetup tls,
                                           Function<Transport, Protocol> initialProtocol) {
        SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        Connector connector = new Connector(loop, address, budget, metrics, tls, initialProtocol);
        loop.execute(() -> connector.start(timeout.toNanos()));
        return connector.result();
    }

    /** Stops accepting new connections; open ones are not touched. */
    public void stopAccepting() {
        for (Acceptor a : acceptors) {
            loops[0].execute(a::close);
        }
        acceptors.clear();
    }

    /** Asks every open connection to finish gracefully (sessions send 1001). */
    public void shutdownConnections() {
        for (SelectorLoop loop : loops) {
            loop.forEachConnection(NioConnection::shutdownGracefully);
        }
    }

    /**
     * Open connections over all loops.
     *
     * @return the sum of each loop's count, read one loop after another
     */
    public int connectionCount() {
        int n = 0;
        for (SelectorLoop loop : loops) {
            n += loop.connectionCount();
        }
        return n;
    }

    /**
     * The memory budget every connection of these loops counts against.
     *
     * @return the budget given to the constructor
     */
    public MemoryBudget budget() {
        return budget;
    }

    /**
     * Asks every connection to finish (sessions send 1001), waits up to {@code grace} for them
     * to close, then stops the loops, closing whatever is still open.
     *
     * @param grace how long connections may take to close; the loops then get 5 more seconds to end
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public void shutdownGracefully(Duration grace) throws InterruptedException {
        shutdownConnections();
        long deadline = System.nanoTime() + grace.toNanos();
        while (connectionCount() > 0 && System.nanoTime() - deadline < 0 && anyAlive()) {
            Thread.sleep(10);
        }
        stop(Duration.ofSeconds(5));
    }

    private boolean anyAlive() {
        for (SelectorLoop loop : loops) {
            if (loop.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops the loops, closing any connection still open, and waits for the threads to end.
     *
     * @param wait how long to wait for all the threads together; a loop's own thread does not wait
     *             for itself
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public void stop(Duration wait) throws InterruptedException {
        for (SelectorLoop loop : loops) {
            loop.stop();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (SelectorLoop loop : loops) {
            if (!loop.inLoop()) {
                loop.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }
}
