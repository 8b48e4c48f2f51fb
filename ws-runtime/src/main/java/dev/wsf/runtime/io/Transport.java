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
 * {@link #enqueueUrgent} puts a control frame ahead of everything not yet started. What is queued
 * counts against the transport's {@link #memory() account}; once it passes a high-water mark the
 * transport stops reading ({@link ReadPause#OUTPUT_BACKLOG}) until the peer has taken most of it.
 */
public interface Transport {

    /**
     * Queues {@code first} and then {@code second} (either may be null) for writing. The buffers
     * belong to the transport until written. {@code done}, if not null, completes when both are
     * written, or fails if the transport closes first or the entry is discarded. Never blocks,
     * never writes.
     *
     * @param first the bytes to write first, from position to limit, or null
     * @param second the bytes to write next, or null
     * @param done completed on the I/O thread once both are written, or null
     */
    void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done);

    /**
     * Queues {@code frame} ahead of every entry not yet started (but behind earlier urgent ones and
     * behind a frame already partly written, which is never split): for pongs, pings and close
     * frames, which must not wait behind megabytes of data for a slow peer.
     *
     * @param frame the whole frame, from position to limit; the transport's until written
     * @param done completed once it is written, failed if the transport closes first; or null
     */
    void enqueueUrgent(ByteBuffer frame, CompletableFuture<Void> done);

    /**
     * Drops the ordinary (non-urgent) entries not yet started, failing their futures, and returns
     * their memory: for a session that fails, whose unsent messages can no longer be sent.
     */
    void discardQueued();

    /**
     * On the I/O thread: writes what is queued at once, rather than at the end of the loop's
     * round, so that what the socket would take anyway does not count as a backlog. Elsewhere
     * the same as {@link #flush()}.
     */
    default void writeQueuedNow() {
        flush();
    }

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
     * Whether {@code buffer} may share memory with a reusable read buffer (this transport's, or
     * another I/O thread's), so it must not be queued as it is: what lets an application send
     * back, or on, a message it was given. Such a payload goes to {@link #enqueueReadSlice}.
     *
     * @param buffer a payload the application gave to send
     * @return true if it must be copied or written at once rather than queued
     */
    boolean isReadBuffer(ByteBuffer buffer);

    /**
     * Queues {@code header} and {@code payload}, a slice of a read buffer (see
     * {@link #isReadBuffer}), as {@link #enqueue} does, but without taking the payload: the
     * transport copies it, or, if the slice is of the input it is delivering right now, writes it
     * and copies only what the socket did not take before it reads into that buffer again.
     *
     * @param header the frame header, the transport's until written
     * @param payload the payload, a slice of a read buffer, left unchanged
     * @param done completed once both are written, or null
     */
    default void enqueueReadSlice(ByteBuffer header, ByteBuffer payload, CompletableFuture<Void> done) {
        enqueue(header, ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip(), done);
    }

    /**
     * Bytes queued and not yet written.
     *
     * @return the bytes, 0 when everything queued is written
     */
    long bufferedBytes();

    /**
     * Bytes written to the peer since the connection opened.
     *
     * @return the count, in bytes; it only grows
     */
    long bytesWritten();

    /**
     * Stops reading from the peer for {@code reason} until {@link #resumeReading} with the same
     * reason.
     *
     * @param reason why; pausing twice for one reason is the same as once
     */
    void pauseReading(ReadPause reason);

    /**
     * Takes back a pause for {@code reason}.
     *
     * @param reason the reason given to {@link #pauseReading}; reading resumes only when no reason
     *               is left
     */
    void resumeReading(ReadPause reason);

    /**
     * What this connection holds against the server's memory budget; the protocol adds its buffers.
     *
     * @return the connection's account, the same for its whole life
     */
    MemoryAccount memory();

    /** Once the queue is written, half-closes: the peer sees end of stream; reading goes on. */
    void shutdownOutput();

    /** Closes now; queued writes fail. The protocol's {@code onClosed} follows on the I/O thread. */
    void close();

    /**
     * Whether the connection is still open.
     *
     * @return false once {@link #close()} was called or the connection failed
     */
    boolean isOpen();

    /**
     * Runs {@code task} on the I/O thread, after what is already scheduled there. If it throws,
     * this connection is closed, as if a {@link Protocol} method had thrown.
     *
     * @param task the task; it runs even if the connection has closed by then
     */
    void execute(Runnable task);

    /**
     * Whether the calling thread is this transport's I/O thread.
     *
     * @return true on the I/O thread, where the protocol's methods run
     */
    boolean inIoThread();

    /**
     * Hands the connection to another protocol, e.g. from the HTTP handshake to a session.
     *
     * @param protocol the protocol that gets every later call
     */
    void setProtocol(Protocol protocol);

    /**
     * {@link System#nanoTime()} of the last byte read or written.
     *
     * @return the time, in {@link System#nanoTime()} nanoseconds
     */
    long lastActivityNanos();

    /**
     * This side's address of the connection.
     *
     * @return the address, as the socket reports it
     */
    InetSocketAddress localAddress();

    /**
     * The peer's address.
     *
     * @return the address; with the PROXY protocol, the client's as the proxy reported it
     */
    InetSocketAddress remoteAddress();

    /**
     * Queues a frame shared with other connections (a published message): it is only read, through
     * this duplicate, and costs this connection a fixed overhead against the memory budget rather
     * than its size, since its bytes exist once for all subscribers.
     *
     * @param frame the whole frame, shared and never changed
     */
    default void enqueueShared(ByteBuffer frame) {
        enqueue(frame, null, null);
    }

    /**
     * Runs {@code callback} once on the I/O thread when no more than {@code maxBytes} are queued,
     * at once if that is so already. One callback per connection: a later call replaces an
     * earlier one still waiting.
     *
     * @param maxBytes the queued bytes at or below which it runs
     * @param callback what to run
     */
    default void whenDrained(long maxBytes, Runnable callback) {
        if (bufferedBytes() <= maxBytes) {
            callback.run();
        }
    }

    /** Runs tasks on a thread by itself, for transports that have no I/O thread of their own. */
    java.util.concurrent.Executor SAME_THREAD = Runnable::run;

    /**
     * The I/O thread as an executor without this connection's guard: a task that delivers to
     * several connections of one thread at once (a topic's fan-out) contains failures itself.
     *
     * @return an executor that runs tasks on this transport's I/O thread
     */
    default java.util.concurrent.Executor ioThread() {
        return SAME_THREAD;
    }

    /**
     * Runs {@code action} once, on the I/O thread, when the connection closes, whatever protocol
     * it runs then: for what is counted per connection (admission limits). One action per
     * connection; a later call replaces it.
     *
     * @param action what to run
     */
    default void onClose(Runnable action) {
    }

    /**
     * Whether this is a TLS connection whose TLS handshake has not finished yet.
     *
     * @return true during a TLS handshake; false for plain TCP
     */
    default boolean tlsHandshaking() {
        return false;
    }

    /**
     * What the TLS handshake settled, for a TLS connection whose handshake is done; else empty.
     *
     * @return the protocol, cipher suite and peer certificates, or empty
     */
    default java.util.Optional<dev.wsf.api.TlsInfo> tls() {
        return java.util.Optional.empty();
    }
}
