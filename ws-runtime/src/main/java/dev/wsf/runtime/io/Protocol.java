package dev.wsf.runtime.io;

import java.nio.ByteBuffer;

/**
 * What runs over a {@link Transport}: an HTTP handshake, then a WebSocket session. Every method is
 * called on the transport's I/O thread, one at a time. An exception or error thrown from one of
 * them closes this connection only; the I/O thread goes on serving the others.
 */
public interface Protocol {

    /**
     * Bytes from the peer, valid only during the call: copy what must outlive it.
     *
     * @param data the bytes, from position to limit; reused by the transport after the call
     */
    void onRead(ByteBuffer data);

    /** The peer has closed its side of the connection. */
    void onEof();

    /**
     * Called periodically, to check deadlines.
     *
     * @param nowNanos {@link System#nanoTime()} at the tick
     */
    void onTick(long nowNanos);

    /** The server is stopping: finish gracefully. */
    void onShutdown();

    /**
     * The server is over its memory budget and this connection holds more than most: let go of
     * what it holds and end it (a session closes with 1013).
     */
    void onOverload();

    /**
     * The transport has closed; {@code cause} is null when it was closed on purpose.
     *
     * @param cause the I/O error or exception that closed it, or null
     */
    void onClosed(Throwable cause);
}
