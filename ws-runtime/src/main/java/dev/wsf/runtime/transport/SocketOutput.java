package dev.wsf.runtime.transport;

import dev.wsf.api.WebSocketException;
import dev.wsf.runtime.io.ReadPause;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;

/**
 * The writing half of an {@link NioConnection}: its queue, when it is written, and how the output
 * ends. Any thread may queue; {@link #flush} is the one way writing starts.
 *
 * <p>On the loop thread a flush waits for the end of the loop's round, so a round's frames leave
 * in one gathering write; on another thread it writes at once, unless that thread is inside a
 * batch. Whatever the socket does not take waits for {@code OP_WRITE}. Futures complete outside
 * the lock. While more than {@link #HIGH_WATER} bytes wait, the connection stops reading, so a
 * peer that sends but does not read cannot make the server queue without end.
 */
final class SocketOutput {
    /** Past this many queued bytes the connection stops reading... */
    static final long HIGH_WATER = 256 * 1024;
    /** ...until the peer has taken all but this many. */
    static final long LOW_WATER = 64 * 1024;

    private static final VarHandle WRITE_TASK_QUEUED;

    static {
        try {
            WRITE_TASK_QUEUED = MethodHandles.lookup().findVarHandle(SocketOutput.class, "writeTaskQueued",
                    boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How the output ends: it stays open, is shut once the queue is written, is shut, or is gone. */
    private enum State { OPEN, SHUTDOWN_AFTER_FLUSH, SHUT, CLOSED }

    private final NioConnection connection;
    private final Egress egress;
    // The lock is this object's monitor, not a ReentrantLock: every connection has one, and a
    // monitor costs nothing until contended. It is held for the queue's bookkeeping and a
    // non-blocking write, never across a call that waits.
    /**
     * What waits to be written; null until something is queued, and again once a tick finds it
     * empty (see {@link #trimIfIdle}): an idle connection holds no queue.
     */
    private WriteQueue queue;
    /** Bytes written since the connection opened, by every queue it had. */
    private long totalWritten;
    private State state = State.OPEN;
    private boolean waitingForWritable;
    private boolean backlogPaused;
    private Thread batchThread;
    private int batchDepth;
    /** Already in the loop's list of connections to flush at the end of this round (loop-confined). */
    private boolean flushScheduled;
    /**
     * For an egress that writes on the loop only: a write task is already on its way there. A
     * plain field under a VarHandle, not an AtomicBoolean: every connection has one.
     */
    private volatile boolean writeTaskQueued;
    /** Run on the loop once no more than {@link #drainedAt} bytes are queued; see {@link #whenDrained}. */
    private Runnable onDrained;
    private long drainedAt;
    /** Borrowed payloads may be queued (loop-confined); see {@link #enqueueBorrowed}. */
    private boolean borrowing;

    /**
     * @param connection the connection whose output this is; its loop and selection key are the
     *                   output's too, asked for where used rather than copied
     * @param egress     where the output goes
     */
    SocketOutput(NioConnection connection, Egress egress) {
        this.connection = connection;
        this.egress = egress;
    }

    private SelectorLoop loop() {
        return connection.loop();
    }


    void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done, boolean urgent) {
        enqueue(first, second, done, urgent ? Kind.URGENT : Kind.ORDINARY);
    }

    void enqueueShared(ByteBuffer frame) {
        enqueue(frame, null, null, Kind.SHARED);
    }

    /**
     * A frame whose payload is a slice of the loop's read buffer, queued on the loop while this
     * connection's input is being read: written or copied by {@link #releaseBorrowed}.
     */
    void enqueueBorrowed(ByteBuffer header, ByteBuffer payload, CompletableFuture<Void> done) {
        borrowing = true;
        enqueue(header, payload, done, Kind.BORROWED);
    }

    private enum Kind { ORDINARY, URGENT, SHARED, BORROWED }

    private void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done, Kind kind) {
        boolean accepted;
        synchronized (this) {
            accepted = state == State.OPEN;
            if (accepted) {
                if (queue == null) {
                    queue = new WriteQueue(connection.memory());
                }
                switch (kind) {
                    case URGENT -> queue.addUrgent(first, done);
                    case SHARED -> queue.addShared(first);
                    case ORDINARY -> queue.add(first, second, done);
                    case BORROWED -> queue.addBorrowed(first, second, done);
                }
                if (!backlogPaused && queue.bytes() > HIGH_WATER) {
                    backlogPaused = true;
                    connection.pauseReading(ReadPause.OUTPUT_BACKLOG);
                }
            }
        }
        if (!accepted && done != null) {
            done.completeExceptionally(new WebSocketException("connection is closed"));
        }
    }

    void discardQueued() {
        WriteQueue.Entry dropped;
        synchronized (this) {
            dropped = queue == null ? null : queue.discardOrdinary();
            resumeIfDrained();
        }
        WriteQueue.fail(dropped, new WebSocketException("discarded: the session failed before it was written"));
    }

    /**
     * Starts writing what is queued: at the end of the loop's round when called on the loop, now
     * otherwise, unless this thread is inside a batch and {@code evenInBatch} is false.
     */
    void flush(boolean evenInBatch) {
        if (loop().inLoop()) {
            if (!flushScheduled) {
                flushScheduled = true;
                loop().markDirty(connection);
            }
            return;
        }
        if (egress.loopOnly()) {
            if (WRITE_TASK_QUEUED.compareAndSet(this, false, true)) {
                loop().execute(() -> {
                    writeTaskQueued = false;
                    connection.flushFromLoop();
                });
            }
            return;
        }
        WriteQueue.Entry written;
        Runnable drained;
        synchronized (this) {
            boolean batching = !evenInBatch && batchDepth > 0 && batchThread == Thread.currentThread();
            if (batching || waitingForWritable) {
                return; // the batch's end, or OP_WRITE, writes it
            }
            written = write();
            drained = takeDrainedCallback();
        }
        WriteQueue.complete(written);
        if (drained != null) {
            loop().execute(drained);
        }
    }

    /** Writes on the loop thread: at the end of a round, or when the socket became writable. */
    void writeFromLoop() {
        flushScheduled = false;
        writeOnLoop(false);
    }

    /**
     * Before the loop reuses its read buffer: writes what is queued, payloads borrowed from that
     * buffer included, and copies what of them the socket did not take. Echoing a message thus
     * costs no copy when the socket keeps up.
     */
    void releaseBorrowed() {
        if (borrowing) {
            borrowing = false;
            writeOnLoop(true);
        }
    }

    private void writeOnLoop(boolean detach) {
        WriteQueue.Entry written;
        Runnable drained;
        synchronized (this) {
            written = write();
            if (detach && queue != null) {
                queue.detachBorrowed();
            }
            drained = takeDrainedCallback();
        }
        WriteQueue.complete(written);
        if (drained != null) {
            drained.run();
        }
    }

    /**
     * Runs {@code callback} on the loop once no more than {@code maxBytes} are queued (at the end
     * of the loop's round if that is so already). One at a time: a later one replaces it.
     */
    void whenDrained(long maxBytes, Runnable callback) {
        boolean now;
        synchronized (this) {
            onDrained = callback;
            drainedAt = maxBytes;
            now = queuedBytes() <= maxBytes;
        }
        if (now) {
            loop().execute(connection::flushFromLoop); // runs it from writeFromLoop, on the loop
        }
    }

    private Runnable takeDrainedCallback() {
        if (onDrained == null || queuedBytes() > drainedAt || state == State.CLOSED) {
            return null;
        }
        Runnable r = onDrained;
        onDrained = null;
        return r;
    }

    void beginBatch() {
        synchronized (this) {
            batchThread = Thread.currentThread();
            batchDepth++;
        }
    }

    void endBatch() {
        synchronized (this) {
            if (--batchDepth == 0) {
                batchThread = null;
            }
        }
        flush(false);
    }

    /** Shuts the output once everything queued is written; nothing more is accepted. */
    void shutdownAfterFlush() {
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.SHUTDOWN_AFTER_FLUSH;
            }
        }
        if (loop().inLoop()) {
            flush(true);
        } else {
            loop().execute(connection::flushFromLoop);
        }
    }

    /** The connection closed: fails what was never written. */
    void closed() {
        WriteQueue.Entry unwritten;
        synchronized (this) {
            state = State.CLOSED;
            onDrained = null;
            unwritten = queue == null ? null : queue.clear();
        }
        WriteQueue.fail(unwritten, new WebSocketException("connection closed before the write completed"));
    }

    /**
     * Lets go of the queue if nothing is in it; on the loop, at every tick. A busy connection
     * makes a new one at most once a tick, an idle one holds none.
     */
    void trimIfIdle() {
        synchronized (this) {
            if (queue != null && queue.isEmpty()) {
                queue = null;
            }
        }
    }

    /** Bytes queued and not yet written; with the lock held. */
    private long queuedBytes() {
        return queue == null ? 0 : queue.bytes();
    }

    long bufferedBytes() {
        synchronized (this) {
            return queuedBytes();
        }
    }

    long bytesWritten() {
        synchronized (this) {
            return totalWritten;
        }
    }

    /**
     * Writes as much of the queue as the socket takes, then arranges what comes next: wait for
     * OP_WRITE, or shut the output. Called with the lock held; returns the written entries, for
     * their futures to be completed outside the lock.
     */
    private WriteQueue.Entry write() {
        if (state == State.SHUT || state == State.CLOSED) {
            return null;
        }
        try {
            boolean clear = egress.flush();
            boolean coalesce = egress.prefersCoalescing();
            WriteStaging staging = coalesce && loop().inLoop() ? loop().writeStaging() : null;
            long written = clear && queue != null ? queue.writeTo(egress, coalesce, staging) : 0;
            if (written > 0) {
                totalWritten += written;
                connection.wrote(written);
            }
            resumeIfDrained();
            if (!clear || queue != null && !queue.isEmpty()) {
                waitForWritable(egress.waitsForSocket());
            } else if (state == State.SHUTDOWN_AFTER_FLUSH) {
                boolean done = egress.shutdown();
                if (done) {
                    state = State.SHUT;
                }
                waitForWritable(!done);
            } else {
                waitForWritable(false);
            }
        } catch (IOException e) {
            loop().execute(() -> connection.closeNow(e));
        } catch (CancelledKeyException e) {
            // closed meanwhile; closeNow fails what is left
        }
        return queue == null ? null : queue.takeWritten();
    }

    private void waitForWritable(boolean wait) {
        if (wait == waitingForWritable) {
            return;
        }
        waitingForWritable = wait;
        if (wait) {
            connection.key().interestOpsOr(SelectionKey.OP_WRITE);
            if (!loop().inLoop()) {
                loop().wakeup();
            }
        } else {
            connection.key().interestOpsAnd(~SelectionKey.OP_WRITE);
        }
    }

    private void resumeIfDrained() {
        if (backlogPaused && queuedBytes() <= LOW_WATER) {
            backlogPaused = false;
            connection.resumeReading(ReadPause.OUTPUT_BACKLOG);
        }
    }
}
