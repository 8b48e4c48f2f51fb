package dev.wsf.runtime.transport;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.io.MemoryAccount;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link Transport} over a non-blocking socket, served by one {@link SelectorLoop}: it reads
 * into the loop's shared buffer (an idle connection holds no buffers), hands the bytes to its
 * {@link Protocol}, and writes through its {@link SocketOutput}.
 *
 * <p>Every call into the protocol goes through {@link #guarded}: whatever it throws, an
 * {@link OutOfMemoryError} included, closes this connection and no other, and the loop goes on.
 */
final class NioConnection implements Transport, Selectable, MemoryAccount.Owner {
    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final InetSocketAddress localAddress;
    /** The peer's address, or the client's once a PROXY protocol header named it. */
    private volatile InetSocketAddress remoteAddress;
    /** Non-null until the PROXY protocol header that must open the connection has been read. */
    private ProxyHeader proxyHeader;
    private final MemoryAccount memory;
    private final WebSocketMetrics metrics;
    private final TlsLayer tls; // null for plain connections
    private final SocketOutput output;
    private SelectionKey key;
    private volatile Protocol protocol;
    private volatile boolean open = true;
    private volatile Runnable closeHook;
    private volatile long lastActivity = System.nanoTime();
    /**
     * The {@link ReadPause} bits now in force; reading is on while there are none. Guarded by this
     * object's monitor (not a lock object of its own: every connection has one). A byte, which
     * holds {@link ReadPause}'s few reasons (eight at most) where an int would make every
     * connection 8 bytes larger.
     */
    private byte readPauses;
    /** The protocol is handling input in the loop's read buffer (loop-confined). */
    private boolean delivering;

    NioConnection(SocketChannel channel, SelectorLoop loop, MemoryBudget budget) throws IOException {
        this(channel, loop, budget, WebSocketMetrics.NONE, null, false);
    }

    /**
     * @param tls           TLS for this connection ({@code wss://}), or null
     * @param proxyProtocol whether the connection starts with a PROXY protocol header
     */
    NioConnection(SocketChannel channel, SelectorLoop loop, MemoryBudget budget, WebSocketMetrics metrics, TlsSetup tls,
                  boolean proxyProtocol) throws IOException {
        this.metrics = metrics;
        this.channel = channel;
        this.loop = loop;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        this.memory = budget.open(this);
        this.tls = tls == null ? null : new TlsLayer(tls.engine(remoteAddress), channel, loop, tls.tasks(), this);
        this.output = new SocketOutput(this, this.tls != null ? this.tls : new SocketEgress(channel));
        this.proxyHeader = proxyProtocol ? new ProxyHeader(remoteAddress) : null;
    }

    /** The loop the connection is registered with. */
    SelectorLoop loop() {
        return loop;
    }

    /** The connection's key with the loop's selector; null until registered. */
    SelectionKey key() {
        return key;
    }

    /** Registers with the loop's selector; called on the loop thread. */
    void register(Protocol initial) throws ClosedChannelException {
        this.protocol = initial;
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        loop.added(this);
    }

    /** Takes over the key of a channel that just finished connecting; called on the loop thread. */
    void adopt(SelectionKey connectedKey, Function<Transport, Protocol> initial) {
        this.key = connectedKey;
        connectedKey.attach(this);
        connectedKey.interestOps(SelectionKey.OP_READ);
        loop.added(this);
        Protocol first = initial.apply(this);
        if (protocol == null) {
            protocol = first;
        }
    }

    // ---- events from the loop, each contained ----

    @Override
    public void onSelected(int readyOps) {
        guarded(() -> {
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                output.writeFromLoop();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && open) {
                read();
            }
        });
    }

    private void read() {
        if (proxyHeader != null && !readProxyHeader()) {
            return;
        }
        if (tls != null) {
            readTls();
            return;
        }
        ByteBuffer buffer = loop.readBuffer();
        for (int round = 0; round < 4 && open; round++) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                closeNow(e);
                return;
            }
            if (n < 0) {
                endOfInput();
                return;
            }
            if (n == 0) {
                return;
            }
            lastActivity = System.nanoTime();
            metrics.bytesRead(n);
            buffer.flip();
            deliverRead(buffer);
            if (n < buffer.capacity() || !key.isValid() || (key.interestOps() & SelectionKey.OP_READ) == 0) {
                return;
            }
        }
    }

    /**
     * Reads the PROXY protocol header; what follows it in the same read goes on to TLS or the
     * protocol. A connection that does not start with one is closed: behind a balancer that
     * sends them, anything else is someone going round it.
     *
     * @return true once the header is read and the rest of this read has been passed on
     */
    private boolean readProxyHeader() {
        ByteBuffer buffer = loop.readBuffer();
        buffer.clear();
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException e) {
            closeNow(e);
            return false;
        }
        if (n < 0) {
            closeNow(null);
            return false;
        }
        buffer.flip();
        InetSocketAddress client;
        try {
            client = proxyHeader.feed(buffer);
        } catch (ProxyHeader.Malformed e) {
            LoopFaults.debug("closing " + remoteAddress + ": " + e.getMessage(), null);
            closeNow(e);
            return false;
        }
        if (client == null) {
            return false;
        }
        proxyHeader = null;
        remoteAddress = client;
        if (buffer.hasRemaining()) {
            if (tls != null) {
                tls.prepend(buffer);
            } else {
                lastActivity = System.nanoTime();
                deliverRead(buffer);
            }
        }
        return tls != null; // TLS reads on from the socket; a plain connection waits for the next event
    }

    private void readTls() {
        boolean more;
        try {
            more = tls.onReadable(this::deliver);
        } catch (IOException e) {
            tlsFailed(e);
            return;
        }
        if (!more && open) {
            endOfInput();
        }
    }

    /** Plaintext from TLS, in the loop's read buffer. */
    void deliver(ByteBuffer plaintext) {
        lastActivity = System.nanoTime();
        deliverRead(plaintext);
    }

    /**
     * Hands input in the loop's read buffer to the protocol; what it queued of that buffer
     * (a message echoed) is written or copied before the buffer is read into again.
     */
    private void deliverRead(ByteBuffer input) {
        delivering = true;
        try {
            protocol.onRead(input);
        } finally {
            delivering = false;
        }
        output.releaseBorrowed();
    }

    /** The peer's stream ended (TCP's end, or TLS's close_notify). */
    void endOfInput() {
        try {
            key.interestOpsAnd(~SelectionKey.OP_READ); // end of stream stays readable: stop asking
        } catch (CancelledKeyException e) {
            return;
        }
        protocol.onEof();
    }

    /**
     * The TLS layer failed: not TLS at all (say, plain HTTP sent to the TLS port), a handshake
     * refused, a record corrupted. The peer's doing, or the network's: closed, said at DEBUG.
     */
    void tlsFailed(IOException e) {
        if (tls != null && !tls.finished()) {
            metrics.tlsHandshakeFailed();
        }
        LoopFaults.debug("TLS with " + remoteAddress + " failed: " + e.getMessage(), null);
        closeNow(e);
    }

    /** TLS has something to write, or can write what waited for its handshake: at the end of this round. */
    void writeSoon() {
        output.flush(true);
    }

    void tick(long now) {
        if (open) {
            guarded(() -> protocol.onTick(now));
            output.trimIfIdle();
        }
    }

    void shutdownGracefully() {
        if (open) {
            guarded(() -> protocol.onShutdown());
        }
    }

    /** Called by the loop at the end of a round, when this connection queued writes in it. */
    void flushFromLoop() {
        if (open) {
            guarded(output::writeFromLoop);
        }
    }

    /**
     * Runs {@code action} for this connection; if it throws anything, closes this connection.
     * The failure is the server's (or the application's), never the peer's: the protocol turns
     * what the peer did wrong into close codes itself.
     */
    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            LoopFaults.connectionFailed(this, t);
            closeNow(t);
        }
    }

    /** The memory budget sheds this connection: the protocol does it, on the loop. */
    @Override
    public void shed() {
        execute(() -> protocol.onOverload());
    }

    // ---- writing ----

    @Override
    public void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        output.enqueue(first, second, done, false);
    }

    @Override
    public void enqueueUrgent(ByteBuffer frame, CompletableFuture<Void> done) {
        output.enqueue(frame, null, done, true);
    }

    @Override
    public void discardQueued() {
        output.discardQueued();
    }

    @Override
    public void enqueueShared(ByteBuffer frame) {
        output.enqueueShared(frame);
    }

    @Override
    public void whenDrained(long maxBytes, Runnable callback) {
        output.whenDrained(maxBytes, callback);
    }

    @Override
    public java.util.concurrent.Executor ioThread() {
        return loop;
    }

    @Override
    public void flush() {
        output.flush(false);
    }

    @Override
    public void writeQueuedNow() {
        if (loop.inLoop()) {
            output.writeFromLoop();
        } else {
            output.flush(false);
        }
    }

    @Override
    public void flushNow() {
        output.flush(true);
    }

    @Override
    public void beginBatch() {
        output.beginBatch();
    }

    @Override
    public void endBatch() {
        output.endBatch();
    }

    @Override
    public boolean isReadBuffer(ByteBuffer buffer) {
        return ReadBuffers.contains(buffer);
    }

    @Override
    public void enqueueReadSlice(ByteBuffer header, ByteBuffer payload, CompletableFuture<Void> done) {
        // Only this connection's own input, while it is delivered, can be written in time.
        if (loop.inLoop() && delivering && ReadBuffers.within(loop.readBuffer(), payload)) {
            output.enqueueBorrowed(header, payload, done);
        } else {
            output.enqueue(header, ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip(), done, false);
        }
    }

    @Override
    public long bufferedBytes() {
        return output.bufferedBytes();
    }

    @Override
    public long bytesWritten() {
        return output.bytesWritten();
    }

    @Override
    public MemoryAccount memory() {
        return memory;
    }

    @Override
    public void shutdownOutput() {
        output.shutdownAfterFlush();
    }

    void wrote(long bytes) {
        lastActivity = System.nanoTime();
        metrics.bytesWritten(bytes);
    }

    /** TLS read this many bytes of records from the socket. */
    void readRecords(long bytes) {
        metrics.bytesRead(bytes);
    }

    // ---- reading control and closing ----

    @Override
    public void pauseReading(ReadPause reason) {
        synchronized (this) {
            if (readPauses == 0) {
                setReadInterest(false);
                if (reason == ReadPause.OUTPUT_BACKLOG || reason == ReadPause.INPUT_BACKLOG) {
                    metrics.readsPaused();
                }
            }
            readPauses |= reason.bit();
        }
    }

    @Override
    public void resumeReading(ReadPause reason) {
        synchronized (this) {
            int before = readPauses;
            readPauses &= ~reason.bit();
            if (before != 0 && readPauses == 0) {
                setReadInterest(true);
            }
        }
    }

    private void setReadInterest(boolean on) {
        try {
            if (on) {
                key.interestOpsOr(SelectionKey.OP_READ);
                if (!loop.inLoop()) {
                    loop.wakeup();
                }
            } else {
                key.interestOpsAnd(~SelectionKey.OP_READ);
            }
        } catch (CancelledKeyException e) {
            // closed meanwhile: nothing left to pause or resume
        }
    }

    @Override
    public void close() {
        if (loop.inLoop()) {
            closeNow(null);
        } else {
            loop.execute(() -> closeNow(null));
        }
    }

    /** Closes the socket at once and tells the protocol, on the loop thread, in a task of its own. */
    void closeNow(Throwable cause) {
        if (!open) {
            return;
        }
        open = false;
        if (key != null) {
            key.cancel();
        }
        if (tls != null) {
            tls.closeQuietly();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LoopFaults.debug("closing a socket failed", e);
        }
        output.closed();
        memory.close();
        loop.removed(this);
        Runnable hook = closeHook;
        if (hook != null) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LoopFaults.connectionFailed(this, e);
            }
        }
        Protocol p = protocol;
        if (p != null) {
            loop.execute(() -> {
                try {
                    p.onClosed(cause);
                } catch (Throwable t) {
                    LoopFaults.connectionFailed(this, t);
                }
            });
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(() -> guarded(task)); // also once closed: a session's last callbacks may be queued here
    }

    @Override
    public boolean inIoThread() {
        return loop.inLoop();
    }

    @Override
    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public long lastActivityNanos() {
        return lastActivity;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void onClose(Runnable action) {
        this.closeHook = action;
    }

    @Override
    public boolean tlsHandshaking() {
        return tls != null && !tls.finished();
    }

    @Override
    public java.util.Optional<dev.wsf.api.TlsInfo> tls() {
        return tls == null ? java.util.Optional.empty() : tls.info();
    }

    @Override
    public String toString() {
        return "NioConnection[" + remoteAddress + (tls != null ? ", TLS" : "") + (open ? "" : ", closed") + "]";
    }
}
