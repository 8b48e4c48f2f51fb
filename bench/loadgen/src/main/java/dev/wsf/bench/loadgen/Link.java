package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream of one connection, plain or inside TLS, with the calls the runs need. Both
 * kinds are used from the client's one thread only.
 */
interface Link {

    SocketChannel channel();

    /**
     * Reads what the socket has now and returns the application bytes it carried into
     * {@code dst}; -1 at end of stream. With TLS it may return 0 (only part of a record came).
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Sends from {@code src} as much as the socket takes now.
     *
     * @return the bytes of {@code src} taken; with TLS some of them may still wait in
     *     {@link #hasPendingOutput()} for the socket
     */
    int write(ByteBuffer src) throws IOException;

    /** Writes what is still pending; true when nothing is. */
    boolean flush() throws IOException;

    /** Whether bytes taken by {@link #write} still wait for the socket to accept them. */
    boolean hasPendingOutput();

    /**
     * Whether {@link #read} has more to give without the socket signalling readiness (a whole
     * TLS record it could not decrypt into a full {@code dst}).
     */
    boolean hasBufferedInput();

    /** A plain TCP link: every call goes straight to the socket. */
    static Link plain(SocketChannel channel) {
        return new Link() {
            @Override
            public SocketChannel channel() {
                return channel;
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                return channel.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public boolean flush() {
                return true;
            }

            @Override
            public boolean hasPendingOutput() {
                return false;
            }

            @Override
            public boolean hasBufferedInput() {
                return false;
            }
        };
    }
}
