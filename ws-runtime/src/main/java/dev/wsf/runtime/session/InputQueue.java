package dev.wsf.runtime.session;

import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Input waiting for a session whose callbacks run on a worker: the I/O thread adds copies of what
 * it reads, the worker takes them in order. Past {@link #MAX_PENDING} bytes the socket stops
 * being read, and it resumes once the worker has caught up to half of that, so a slow handler
 * slows its own peer down instead of filling the heap. What waits counts against the
 * connection's memory account. End of input is queued like data, so it is seen after everything
 * that came before it.
 */
final class InputQueue {
    /** A session stops reading once this much input waits for its callbacks. */
    static final long MAX_PENDING = 256 * 1024;
    /** Marks the peer's end of stream in the queue. */
    static final ByteBuffer END_OF_INPUT = ByteBuffer.allocate(0);

    private final Transport transport;
    private final ReentrantLock lock = new ReentrantLock();
    private ArrayDeque<ByteBuffer> chunks;
    private long bytes;
    private boolean draining;
    private boolean suspended;

    InputQueue(Transport transport) {
        this.transport = transport;
    }

    /**
     * Adds a chunk, which now belongs to the queue.
     *
     * @return true if nobody is draining the queue, so the caller must start a drain
     */
    boolean add(ByteBuffer chunk) {
        lock.lock();
        try {
            if (chunks == null) {
                chunks = new ArrayDeque<>(4);
            }
            chunks.add(chunk);
            bytes += chunk.remaining();
            transport.memory().grow(chunk.remaining());
            if (bytes > MAX_PENDING && !suspended) {
                suspended = true;
                transport.pauseReading(ReadPause.INPUT_BACKLOG);
            }
            boolean start = !draining;
            draining = true;
            return start;
        } finally {
            lock.unlock();
        }
    }

    /** The next chunk, or null when the queue is empty, which also ends the current drain. */
    ByteBuffer poll() {
        ByteBuffer chunk;
        boolean resume = false;
        lock.lock();
        try {
            chunk = chunks.poll();
            if (chunk == null) {
                draining = false;
                return null;
            }
            bytes -= chunk.remaining();
            transport.memory().shrink(chunk.remaining());
            if (suspended && bytes < MAX_PENDING / 2) {
                suspended = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            transport.resumeReading(ReadPause.INPUT_BACKLOG);
        }
        return chunk;
    }
}
