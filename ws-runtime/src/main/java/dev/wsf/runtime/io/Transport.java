package dev.wsf.runtime.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A byte stream to a peer, as the protocol layer sees it: the seam between the WebSocket engine
 * and the sockets, so handshakes and sessions can be driven without a network in tests.
 *
 * <h2>Threads</h2>
 * Every method may be called from any thread. The transport calls its {@link Protocol} only from
 * its I/O thread, and never from inside one of these methods.
 *
 * <h2>Writing</h2>
 * {@link #enqueue} queues bytes in call order; {@link #flush} starts writing them. Writes are
 * batched: a flush from the I/O thread, or from a thread inside {@link #beginBatch}, waits until
 * the current event or batch ends, so many small frames leave in one gathering write.
 */
public interface Transport {

    /**
     * Queues {@code first} and then {@code second} (either may be null) for writing. The buffers
     * belong to the transport until written. {@code done}, if not null, completes when both are
     * written, or fails if the transport closes first. Never blocks, never writes.
     */
    void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done);

    /** Writes what is queued, now or at the end of the current batch. Never blocks. */
    void flush();

    /**
     * Writes what is queued now, even inside a batch: for a sender about to block on the result.
     * Must not be called from the I/O thread.
     */
    void flushNow();

    /** Defers this thread's flushes until {@link #endBatch()}. */
    void beginBatch();

    /** Ends a batch and flushes. */
    void endBatch();

    /**
     * Whether {@code buffer} shares memory with the transport's reusable read buffer, so it must
     * be copied before it is queued: what lets an application send back a message it was given.
     */
    boolean isReadBuffer(ByteBuffer buffer);

    /** Bytes queued and not yet written. */
    long bufferedBytes();

    /** Stops reading from the peer (back-pressure) until {@link #resumeReading()}. */
    void suspendReading();

    void resumeReading();

    /** Once the queue is written, half-closes: the peer sees end of stream; reading goes on. */
    void shutdownOutput();

    /** Once the queue is written, closes. */
    void closeAfterFlush();

    /** Closes now; queued writes fail. The protocol's {@code onClosed} follows on the I/O thread. */
    void close();

    boolean isOpen();

    /** Runs {@code task} on the I/O thread, after what is already scheduled there. */
    void execute(Runnable task);

    /** Whether the calling thread is this transport's I/O thread. */
    boolean inIoThread();

    /** Hands the connection to another protocol, e.g. from the HTTP handshake to a session. */
    void setProtocol(Protocol protocol);

    /** {@link System#nanoTime()} of the last byte read or written. */
    long lastActivityNanos();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();
}
