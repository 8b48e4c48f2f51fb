package dev.wsf.runtime.transport;

import java.io.IOException;
import java.nio.channels.GatheringByteChannel;

/**
 * Where a connection's output goes: the socket itself ({@link SocketEgress}), or TLS in front of
 * it ({@link TlsLayer}). {@link #write} takes plaintext and says how much it took.
 */
interface Egress extends GatheringByteChannel {

    /**
     * Writes what the egress holds of its own (TLS records produced earlier, handshake or close
     * messages the protocol wants sent).
     *
     * @return true if nothing of its own is left to write, so queued data may follow
     */
    boolean flush() throws IOException;

    /**
     * After a write that took less than offered, or a {@link #flush} that left something: true
     * if the socket is full and {@code OP_WRITE} must be awaited; false if the egress is waiting
     * for something else (a TLS handshake step) and will ask for a write itself when ready.
     */
    boolean waitsForSocket();

    /**
     * Ends the output once everything is written: a FIN, preceded by TLS's close_notify.
     *
     * @return false if it could not finish yet (the socket is full); call again when writable
     */
    boolean shutdown() throws IOException;

    /** Whether writes must happen on the I/O thread (TLS state is confined to it). */
    boolean loopOnly();

    /**
     * Whether heap buffers are better copied before {@link #write}, into the loop's direct
     * {@link WriteStaging} (or, off the loop, many small ones into one): true for a plain socket,
     * whose JDK implementation copies each heap buffer on its own.
     */
    boolean prefersCoalescing();
}
