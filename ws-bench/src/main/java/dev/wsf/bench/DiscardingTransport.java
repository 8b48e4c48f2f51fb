package dev.wsf.bench;

import dev.wsf.runtime.io.MemoryAccount;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport whose "socket" takes everything at once and keeps nothing: it counts the bytes of
 * each flush. The benchmark thread plays the I/O thread.
 */
final class DiscardingTransport implements Transport {
    private final List<Object> queue = new ArrayList<>();
    private final MemoryAccount memory = MemoryAccount.detached();
    private final java.util.concurrent.Executor ioThread;
    long bytesWritten;

    /** Its I/O thread's tasks run at once, on the caller's thread. */
    DiscardingTransport() {
        this(SAME_THREAD);
    }

    /** Its I/O thread's tasks (a topic's fan-out to it) go to {@code ioThread}. */
    DiscardingTransport(java.util.concurrent.Executor ioThread) {
        this.ioThread = ioThread;
    }

    @Override
    public java.util.concurrent.Executor ioThread() {
        return ioThread;
    }

    @Override
    public void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        queue.add(first);
        queue.add(second);
        queue.add(done);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void flush() {
        for (int i = 0; i < queue.size(); i += 3) {
            for (int j = 0; j < 2; j++) {
                ByteBuffer b = (ByteBuffer) queue.get(i + j);
                if (b != null) {
                    bytesWritten += b.remaining();
                }
            }
            CompletableFuture<Void> done = (CompletableFuture<Void>) queue.get(i + 2);
            if (done != null) {
                done.complete(null);
            }
        }
        queue.clear();
    }

    @Override
    public void flushNow() {
        flush();
    }

    @Override
    public void beginBatch() {
    }

    @Override
    public void endBatch() {
        flush();
    }

    @Override
    public boolean isReadBuffer(ByteBuffer buffer) {
        return false;
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void pauseReading(ReadPause reason) {
    }

    @Override
    public void resumeReading(ReadPause reason) {
    }

    @Override
    public MemoryAccount memory() {
        return memory;
    }

    @Override
    public void enqueueUrgent(ByteBuffer frame, CompletableFuture<Void> done) {
        enqueue(frame, null, done);
    }

    @Override
    public void discardQueued() {
    }

    @Override
    public void shutdownOutput() {
    }


    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean inIoThread() {
        return true;
    }

    @Override
    public void setProtocol(Protocol protocol) {
    }

    @Override
    public long lastActivityNanos() {
        return 0;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }
}
