package dev.wsf.annotated.bind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded hand-over of message parts from the session's callback thread (the writer) to the
 * thread running a streaming user method (the reader). One writer, one reader.
 *
 * <p>When the parts waiting hold {@code capacity} units (chars or bytes) or more, the writer
 * blocks: the callback does not return, so the runtime reads no more from that peer until the
 * method catches up. A part is always admitted into an empty pipe, however large, so a part
 * bigger than the capacity cannot deadlock. Once the reader has closed its end, parts are
 * discarded, so a method that stops reading early never blocks the session.
 */
final class ChunkPipe {
    /** What {@link #take()} returns once the message is complete. */
    static final Object END = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> chunks = new ArrayDeque<>();
    private final ArrayDeque<Integer> sizes = new ArrayDeque<>();
    private final long capacity;
    private long buffered;
    private boolean finished;
    private boolean aborted;
    private boolean readerClosed;

    ChunkPipe(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Adds a part of {@code size} units, waiting while the pipe is full.
     *
     * @throws InterruptedException if the writer is interrupted while waiting
     */
    void put(Object chunk, int size) throws InterruptedException {
        lock.lock();
        try {
            while (!readerClosed && !chunks.isEmpty() && buffered + size > capacity) {
                changed.await();
            }
            if (readerClosed) {
                return;
            }
            chunks.add(chunk);
            sizes.add(size);
            buffered += size;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the end of the message: the reader sees end-of-stream after the parts queued. */
    void finish() {
        lock.lock();
        try {
            finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the message early, because the session ended: the reader's next read fails. */
    void abort() {
        lock.lock();
        try {
            aborted = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next part, waiting for one, or {@link #END}.
     *
     * @throws IOException if the message was aborted, or the reader interrupted
     */
    Object take() throws IOException {
        lock.lock();
        try {
            while (true) {
                if (aborted) {
                    throw new IOException("the session ended before the whole message arrived");
                }
                if (!chunks.isEmpty()) {
                    buffered -= sizes.remove();
                    changed.signalAll();
                    return chunks.remove();
                }
                if (finished) {
                    return END;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next part of a message");
        } finally {
            lock.unlock();
        }
    }

    /** The reader is done: drop what is queued and what comes later, and release the writer. */
    void closeReader() {
        lock.lock();
        try {
            readerClosed = true;
            chunks.clear();
            sizes.clear();
            buffered = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
