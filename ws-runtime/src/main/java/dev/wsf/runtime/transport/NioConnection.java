package dev.wsf.runtime.transport;

import dev.wsf.api.WebSocketException;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Transport} over a non-blocking socket, served by one {@link SelectorLoop}.
 *
 * <p>Writes go into a linked queue under a lock and leave in gathering writes. Writes made on
 * the loop thread are flushed once at the end of the loop's round; writes from other threads are
 * attempted at once on the calling thread, and whatever the socket does not take waits for
 * {@code OP_WRITE}. Futures complete outside the lock. An idle connection holds no buffers.
 */
final class NioConnection implements Transport, Selectable {
    private static final System.Logger LOG = System.getLogger(NioConnection.class.getName());
    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private SelectionKey key;
    private volatile Protocol protocol;

    private final ReentrantLock lock = new ReentrantLock();
    private final WriteQueue queue = new WriteQueue();
    private boolean writeInterest;
    private boolean closeAfterFlush;
    private boolean shutdownAfterFlush;
    private boolean outputShutdown;
    private Thread batchThread;
    private int batchDepth;

    /** Already in the loop's list of connections to flush at the end of this round (loop-confined). */
    private boolean flushScheduled;
    private volatile boolean open = true;
    private volatile long lastActivity = System.nanoTime();

    NioConnection(SocketChannel channel, SelectorLoop loop) throws IOException {
        this.channel = channel;
        this.loop = loop;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
    }

    /** Registers with the loop's selector; called on the loop thread. */
    void register(Protocol initial) throws ClosedChannelException {
        this.protocol = initial;
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        loop.added(this);
    }

    /** Takes over the key of a channel that just finished connecting; called on the loop thread. */
    void adopt(SelectionKey connectedKey, java.util.function.Function<Transport, Protocol> initial) {
        this.key = connectedKey;
        connectedKey.attach(this);
        connectedKey.interestOps(SelectionKey.OP_READ);
        loop.added(this);
        this.protocol = initial.apply(this);
    }

    // ---- events from the loop ----

    @Override
    public void onSelected(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flushFromLoop();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && open) {
            read();
        }
    }

    private void read() {
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
                key.interestOpsAnd(~SelectionKey.OP_READ); // end of stream stays readable: stop asking
                protocol.onEof();
                return;
            }
            if (n == 0) {
                return;
            }
            lastActivity = System.nanoTime();
            buffer.flip();
            protocol.onRead(buffer);
            if (n < buffer.capacity() || !key.isValid() || (key.interestOps() & SelectionKey.OP_READ) == 0) {
                return;
            }
        }
    }

    void tick(long now) {
        if (open) {
            protocol.onTick(now);
        }
    }

    void shutdownGracefully() {
        if (open) {
            protocol.onShutdown();
        }
    }

    // ---- writing ----

    @Override
    public void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        boolean rejected;
        lock.lock();
        try {
            rejected = !open || closeAfterFlush || shutdownAfterFlush;
            if (!rejected) {
                queue.add(first, second, done);
            }
        } finally {
            lock.unlock();
        }
        if (rejected && done != null) {
            done.completeExceptionally(new WebSocketException("connection is closed"));
        }
    }

    @Override
    public void flush() {
        if (loop.inLoop()) {
            scheduleFlush();
            return;
        }
        write(true);
    }

    @Override
    public void flushNow() {
        write(false);
    }

    private void write(boolean respectBatch) {
        WriteQueue.Entry written;
        lock.lock();
        try {
            boolean batching = respectBatch && batchDepth > 0 && batchThread == Thread.currentThread();
            if (batching || writeInterest || queue.isEmpty()) {
                return;
            }
            written = writeQueued();
        } finally {
            lock.unlock();
        }
        WriteQueue.complete(written);
    }

    /** Flushes once at the end of the loop's round, however many writes this round queues. */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.markDirty(this);
        }
    }

    /** Flushes on the loop thread: after a round's callbacks, or when the socket became writable. */
    void flushFromLoop() {
        flushScheduled = false;
        if (!open) {
            return;
        }
        WriteQueue.Entry written;
        lock.lock();
        try {
            written = writeQueued();
        } finally {
            lock.unlock();
        }
        WriteQueue.complete(written);
    }

    @Override
    public void beginBatch() {
        lock.lock();
        try {
            batchThread = Thread.currentThread();
            batchDepth++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void endBatch() {
        lock.lock();
        try {
            if (--batchDepth == 0) {
                batchThread = null;
            }
        } finally {
            lock.unlock();
        }
        flush();
    }

    /**
     * Writes as much of the queue as the socket takes, then arranges what happens next: wait for
     * OP_WRITE, or carry out a pending close or shutdown. Called with the lock held; returns the
     * written entries, for their futures to be completed outside the lock.
     */
    private WriteQueue.Entry writeQueued() {
        try {
            if (queue.writeTo(channel) > 0) {
                lastActivity = System.nanoTime();
            }
        } catch (IOException e) {
            loop.execute(() -> closeNow(e));
            return queue.takeWritten();
        }
        afterWrite();
        return queue.takeWritten();
    }

    private void afterWrite() {
        if (!open || !key.isValid()) {
            return;
        }
        try {
            if (!queue.isEmpty()) {
                if (!writeInterest) {
                    writeInterest = true;
                    key.interestOpsOr(SelectionKey.OP_WRITE);
                    if (!loop.inLoop()) {
                        loop.wakeup();
                    }
                }
                return;
            }
            if (writeInterest) {
                writeInterest = false;
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
        } catch (java.nio.channels.CancelledKeyException e) {
            return; // closed concurrently
        }
        if (closeAfterFlush) {
            loop.execute(() -> closeNow(null));
        } else if (shutdownAfterFlush && !outputShutdown) {
            outputShutdown = true;
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                loop.execute(() -> closeNow(e));
            }
        }
    }

    @Override
    public boolean isReadBuffer(ByteBuffer buffer) {
        return buffer.hasArray() && buffer.array() == loop.readBuffer().array();
    }

    @Override
    public long bufferedBytes() {
        lock.lock();
        try {
            return queue.bytes();
        } finally {
            lock.unlock();
        }
    }

    // ---- reading control and closing ----

    @Override
    public void suspendReading() {
        try {
            key.interestOpsAnd(~SelectionKey.OP_READ);
        } catch (java.nio.channels.CancelledKeyException e) {
            // closed meanwhile: nothing left to suspend
        }
    }

    @Override
    public void resumeReading() {
        try {
            key.interestOpsOr(SelectionKey.OP_READ);
        } catch (java.nio.channels.CancelledKeyException e) {
            return; // closed meanwhile
        }
        if (!loop.inLoop()) {
            loop.wakeup();
        }
    }

    @Override
    public void shutdownOutput() {
        lock.lock();
        try {
            shutdownAfterFlush = true;
        } finally {
            lock.unlock();
        }
        requestFlush();
    }

    @Override
    public void closeAfterFlush() {
        lock.lock();
        try {
            closeAfterFlush = true;
        } finally {
            lock.unlock();
        }
        requestFlush();
    }

    private void requestFlush() {
        if (loop.inLoop()) {
            scheduleFlush();
        } else {
            loop.execute(this::flushFromLoop);
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
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a socket failed", e);
        }
        WriteQueue.Entry unwritten;
        lock.lock();
        try {
            unwritten = queue.clear();
        } finally {
            lock.unlock();
        }
        if (unwritten != null) {
            WriteQueue.fail(unwritten, new WebSocketException("connection closed before the write completed"));
        }
        loop.removed(this);
        Protocol p = protocol;
        loop.execute(() -> p.onClosed(cause));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
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
    public String toString() {
        return "NioConnection[" + remoteAddress() + (open ? "" : ", closed") + "]";
    }
}
