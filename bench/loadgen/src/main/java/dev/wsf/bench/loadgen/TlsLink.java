package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * A connection inside TLS, on the JDK's {@link SSLEngine} in client mode, over a non-blocking
 * socket.
 *
 * <p>Buffers: {@code netIn} collects encrypted bytes from the socket (kept ready for the next
 * read: data from 0 to position); {@code netOut} holds encrypted bytes not yet written (ready
 * for writing: position to limit). A {@link #write} encrypts as many whole records as fit in
 * {@code netOut} (up to 16 KiB of data each) and writes them with one call, so a pipelined
 * burst costs one record and one syscall, as in plain mode. A {@link #read} makes one socket
 * read and decrypts every complete record into the caller's buffer. {@link #release} drops the
 * buffers of a connection that will only be held open.
 */
final class TlsLink implements Link {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Where handshake-time unwraps put application data (there is none); the client has one thread. */
    private static ByteBuffer handshakeScratch;

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final int packetSize;
    private ByteBuffer netIn;
    private ByteBuffer netOut;

    /**
     * @param records how many TLS records one {@link #write} may encrypt before writing them
     */
    TlsLink(SocketChannel channel, SSLEngine engine, int records) throws IOException {
        this.channel = channel;
        this.engine = engine;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(2 * packetSize);
        this.netOut = ByteBuffer.allocate(Math.max(1, records) * packetSize).flip();
        if (handshakeScratch == null) {
            handshakeScratch = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        engine.beginHandshake();
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    SSLEngine engine() {
        return engine;
    }

    /**
     * Drives the handshake as far as the socket allows without blocking.
     *
     * @return the {@link SelectionKey} operation it waits for, or 0 once the handshake is done
     */
    int handshake() throws IOException {
        while (true) {
            if (!flush()) {
                return SelectionKey.OP_WRITE;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    netOut.flip();
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new IOException("TLS handshake: wrap " + r.getStatus());
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    handshakeScratch.clear();
                    netIn.flip();
                    SSLEngineResult r;
                    try {
                        r = engine.unwrap(netIn, handshakeScratch);
                    } finally {
                        netIn.compact();
                    }
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            int n = channel.read(netIn);
                            if (n < 0) {
                                throw new IOException("server closed the connection during the TLS handshake");
                            }
                            if (n == 0) {
                                return SelectionKey.OP_READ;
                            }
                        }
                        case CLOSED -> throw new IOException("server closed TLS during the handshake");
                        case BUFFER_OVERFLOW -> throw new IOException("TLS handshake: unexpected application data");
                        case OK -> {
                            // Go on with whatever the engine needs next.
                        }
                    }
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    return 0;
                }
            }
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = channel.read(netIn);
        int produced = unwrap(dst);
        return n < 0 && produced == 0 ? -1 : produced;
    }

    /** Decrypts every complete record in {@code netIn} that fits into {@code dst}. */
    private int unwrap(ByteBuffer dst) throws IOException {
        int produced = 0;
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, dst);
                produced += r.bytesProduced();
                switch (r.getStatus()) {
                    case OK -> afterPostHandshake(r);
                    case BUFFER_UNDERFLOW, BUFFER_OVERFLOW -> {
                        return produced;
                    }
                    case CLOSED -> throw new IOException("server closed the TLS session");
                }
            }
            return produced;
        } finally {
            netIn.compact();
        }
    }

    /** Post-handshake messages (a session ticket, a key update) may ask for a task or an answer. */
    private void afterPostHandshake(SSLEngineResult r) throws IOException {
        SSLEngineResult.HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            if (!flush()) {
                throw new IOException("TLS: the engine needs to answer while output is still pending");
            }
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            flush();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!flush()) {
            return 0;
        }
        int consumed = 0;
        netOut.clear();
        while (src.hasRemaining() && netOut.remaining() >= packetSize) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                netOut.flip();
                throw new IOException("TLS wrap: " + r.getStatus());
            }
            consumed += r.bytesConsumed();
            if (r.bytesConsumed() == 0) {
                break;   // the engine wants to do something else first (it should not, once open)
            }
        }
        netOut.flip();
        flush();
        return consumed;
    }

    @Override
    public boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    @Override
    public boolean hasBufferedInput() {
        int have = netIn.position();
        if (have < 5) {
            return false;
        }
        int length = ((netIn.get(3) & 0xFF) << 8) | (netIn.get(4) & 0xFF);
        return have >= 5 + length;
    }

    /** Drops the buffers of a connection that is only held open from now on. */
    void release() {
        netIn = ByteBuffer.allocate(0);
        netOut = ByteBuffer.allocate(0);
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
