package dev.wsf.fuzz;

import dev.wsf.api.WebSocketException;
import dev.wsf.runtime.io.MemoryAccount;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A transport without a socket, for driving the server pipeline from a fuzz target. The calling
 * thread plays the I/O thread. It behaves like the real transport where a bug could hide:
 * <ul>
 *   <li>every read arrives in the same reused buffer, which is overwritten with junk as soon as
 *   {@code onRead} returns, so a protocol that keeps a reference to input it did not copy echoes
 *   junk and the echo check catches it;</li>
 *   <li>{@link #isReadBuffer} tells the truth about that buffer;</li>
 *   <li>nothing is read once the transport is closed or reading is suspended.</li>
 * </ul>
 * Writes are collected in {@link #written} as an infinitely fast peer would take them.
 */
final class MemoryTransport implements Transport {
    /** Larger reads are delivered in pieces of this size, as a socket read buffer would. */
    static final int READ_BUFFER_SIZE = 16 * 1024;
    private static final byte JUNK = (byte) 0xA5;

    private final byte[] readArray = new byte[READ_BUFFER_SIZE];
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<Queued> queue = new ArrayList<>();
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private Protocol protocol;
    private boolean open = true;
    private boolean outputShutdown;
    private int readPauses;
    private final MemoryAccount memory = MemoryAccount.detached();

    private record Queued(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
    }

    /** Whether another read would reach the protocol. */
    boolean readable() {
        return open && readPauses == 0;
    }

    /** Delivers {@code length} bytes of {@code data} as reads, then ends the event as the I/O loop would. */
    void read(byte[] data, int offset, int length) {
        for (int done = 0; done < length && readable(); ) {
            int n = Math.min(READ_BUFFER_SIZE, length - done);
            System.arraycopy(data, offset + done, readArray, 0, n);
            protocol.onRead(ByteBuffer.wrap(readArray, 0, n));
            Arrays.fill(readArray, JUNK);
            done += n;
            flush();
            runTasks();
        }
    }

    void eof() {
        if (open) {
            protocol.onEof();
            flush();
            runTasks();
        }
    }

    void tick(long nowNanos) {
        if (open) {
            protocol.onTick(nowNanos);
            flush();
            runTasks();
        }
    }

    /** Everything written so far. */
    byte[] written() {
        return written.toByteArray();
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    @Override
    public void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        if (!open || outputShutdown) {
            if (done != null) {
                done.completeExceptionally(new WebSocketException("connection is closed"));
            }
            return;
        }
        queue.add(new Queued(first, second, done));
    }

    @Override
    public void flush() {
        List<Queued> batch = new ArrayList<>(queue);
        queue.clear();
        for (Queued q : batch) {
            take(q.first());
            take(q.second());
            if (q.done() != null) {
                q.done().complete(null);
            }
        }
    }

    private void take(ByteBuffer b) {
        if (b != null) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            written.writeBytes(bytes);
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
        return buffer.hasArray() && buffer.array() == readArray;
    }

    @Override
    public long bufferedBytes() {
        long n = 0;
        for (Queued q : queue) {
            n += (q.first() == null ? 0 : q.first().remaining()) + (q.second() == null ? 0 : q.second().remaining());
        }
        return n;
    }

    @Override
    public void pauseReading(ReadPause reason) {
        readPauses |= reason.bit();
    }

    @Override
    public void resumeReading(ReadPause reason) {
        readPauses &= ~reason.bit();
    }

    @Override
    public MemoryAccount memory() {
        return memory;
    }

    @Override
    public long bytesWritten() {
        return written.size();
    }

    @Override
    public void enqueueUrgent(ByteBuffer frame, CompletableFuture<Void> done) {
        enqueue(frame, null, done); // everything is written at once here: order cannot matter
    }

    @Override
    public void discardQueued() {
        // written at once: nothing waits to be discarded
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
        for (Queued q : queue) {
            if (q.done() != null) {
                q.done().completeExceptionally(new WebSocketException("connection is closed"));
            }
        }
        queue.clear();
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
    public boolean inIoThread() {
        return true;
    }

    @Override
    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public long lastActivityNanos() {
        return System.nanoTime();
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }
}
