package dev.wsf.runtime.testing;

import dev.wsf.api.WebSocketException;
import dev.wsf.runtime.io.MemoryAccount;
import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A transport with no socket: what the protocol writes is collected in {@link #written}, and
 * tasks it schedules on the "I/O thread" run when the test calls {@link #runTasks()}. The test
 * thread plays the I/O thread. Flushes write everything at once, as an infinitely fast peer.
 */
public final class FakeTransport implements Transport {
    public final ByteArrayOutputStream written = new ByteArrayOutputStream();
    public final Queue<Runnable> tasks = new ArrayDeque<>();
    /** This connection's "I/O thread": tasks for it wait in {@link #tasks} too. */
    private final java.util.concurrent.Executor ioThread = tasks::add;
    public Protocol protocol;
    public boolean open = true;
    public boolean outputShutdown;
    public boolean readingSuspended;
    /** A peer that does not read: flushes write nothing until this is cleared. */
    public boolean stalled;
    public long lastActivity = System.nanoTime();
    public final MemoryBudget budget = MemoryBudget.unlimited();
    private final MemoryAccount memory = budget.open(() -> protocol.onOverload());
    private final List<Object[]> queue = new ArrayList<>();
    private int urgentCount;
    private int readPauses;
    private long bytesWritten;

    @Override
    public void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        if (!open || outputShutdown) {
            if (done != null) {
                done.completeExceptionally(new WebSocketException("connection is closed"));
            }
            return;
        }
        queue.add(new Object[] {first, second, done});
    }

    /** Like the real transport: after earlier urgent entries, ahead of the rest. */
    @Override
    public void enqueueUrgent(ByteBuffer frame, CompletableFuture<Void> done) {
        if (!open || outputShutdown) {
            if (done != null) {
                done.completeExceptionally(new WebSocketException("connection is closed"));
            }
            return;
        }
        queue.add(urgentCount++, new Object[] {frame, null, done, Boolean.TRUE});
    }

    @Override
    public void discardQueued() {
        queue.removeIf(e -> {
            if (e.length > 3) {
                return false;
            }
            @SuppressWarnings("unchecked")
            CompletableFuture<Void> done = (CompletableFuture<Void>) e[2];
            if (done != null) {
                done.completeExceptionally(new WebSocketException("discarded"));
            }
            return true;
        });
    }

    @Override
    public void flush() {
        if (stalled) {
            return;
        }
        List<Object[]> batch = new ArrayList<>(queue);
        queue.clear();
        urgentCount = 0;
        if (onDrained != null && drainedAt >= 0) {
            tasks.add(onDrained);
            onDrained = null;
        }
        for (Object[] e : batch) {
            for (int i = 0; i < 2; i++) {
                if (e[i] != null) {
                    ByteBuffer b = (ByteBuffer) e[i];
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    written.writeBytes(bytes);
                    bytesWritten += bytes.length;
                }
            }
            @SuppressWarnings("unchecked")
            CompletableFuture<Void> done = (CompletableFuture<Void>) e[2];
            if (done != null) {
                done.complete(null);
            }
        }
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
        long n = 0;
        for (Object[] e : queue) {
            for (int i = 0; i < 2; i++) {
                n += e[i] == null ? 0 : ((ByteBuffer) e[i]).remaining();
            }
        }
        return n;
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void pauseReading(ReadPause reason) {
        readPauses |= reason.bit();
        readingSuspended = true;
    }

    @Override
    public void resumeReading(ReadPause reason) {
        readPauses &= ~reason.bit();
        readingSuspended = readPauses != 0;
    }

    @Override
    public MemoryAccount memory() {
        return memory;
    }

    @Override
    public void shutdownOutput() {
        flush();
        outputShutdown = true;
    }


    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        queue.clear();
        memory.close();
        Protocol p = protocol;
        tasks.add(() -> p.onClosed(null));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public java.util.concurrent.Executor ioThread() {
        return ioThread;
    }

    @Override
    public void enqueueShared(ByteBuffer frame) {
        enqueue(frame, null, null);
    }

    private Runnable onDrained;
    private long drainedAt;

    /** Like the real transport: once the backlog is down to {@code maxBytes}, as a task. */
    @Override
    public void whenDrained(long maxBytes, Runnable callback) {
        if (bufferedBytes() <= maxBytes) {
            tasks.add(callback);
        } else {
            onDrained = callback;
            drainedAt = maxBytes;
        }
    }

    @Override
    public boolean inIoThread() {
        return true;
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
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }

    /** Runs what the protocol scheduled on the I/O thread, including what those tasks schedule. */
    public void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Takes (and forgets) what has been written so far; a stalled peer starts reading again. */
    public byte[] take() {
        stalled = false;
        flush();
        byte[] out = written.toByteArray();
        written.reset();
        return out;
    }
}
