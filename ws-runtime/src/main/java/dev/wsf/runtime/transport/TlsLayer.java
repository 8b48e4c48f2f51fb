package dev.wsf.runtime.transport;

import dev.wsf.api.TlsInfo;
import dev.wsf.runtime.io.ReadPause;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * TLS between a connection and its socket, on the JDK's {@link SSLEngine}: plaintext from the
 * queue is wrapped into records on the way out, records from the socket are unwrapped into the
 * loop's read buffer on the way in, and the handshake is driven by both.
 *
 * <h2>Threads</h2>
 * Everything here runs on the connection's I/O thread (writes from other threads are handed to
 * it), except the engine's delegated tasks (certificate checks, key computations), which run on
 * an executor while the connection waits, neither reading nor writing, and resume it when done.
 *
 * <h2>Buffers</h2>
 * Records are read into and written from the loop's shared buffers. A connection keeps buffers
 * of its own only while data is in flight: the start of a record not yet complete, or records
 * the socket has not taken yet. An idle TLS connection holds none.
 */
final class TlsLayer implements Egress {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final Executor tasks;
    private final NioConnection connection;
    /** Ciphertext read but not unwrapped yet: the start of an incomplete record. */
    private ByteBuffer inRemainder;
    /** Ciphertext produced but not written yet. */
    private ByteBuffer outPending;
    private boolean taskRunning;
    private boolean closeNotifyQueued;
    private boolean finished;

    TlsLayer(SSLEngine engine, SocketChannel channel, SelectorLoop loop, Executor tasks, NioConnection connection)
            throws SSLException {
        this.engine = engine;
        this.channel = channel;
        this.loop = loop;
        this.tasks = tasks;
        this.connection = connection;
        engine.beginHandshake();
    }

    // ---- inbound ----

    /**
     * The socket is readable: reads records and passes their plaintext to {@code deliver} in
     * the loop's read buffer, valid only during the call.
     *
     * @return false at the end of the peer's stream: its close_notify, or TCP's end
     * @throws SSLException for anything that is not TLS, or a failed handshake
     */
    boolean onReadable(Consumer<ByteBuffer> deliver) throws IOException {
        ByteBuffer net = loop.tlsInBuffer();
        for (int round = 0; round < 4 && !taskRunning; round++) {
            net.clear();
            if (inRemainder != null) {
                net.put(inRemainder);
                inRemainder = null;
            }
            int n = channel.read(net);
            if (n > 0) {
                connection.readRecords(n);
            }
            net.flip();
            if (net.hasRemaining() && !unwrap(net, deliver)) {
                return false;
            }
            if (n < 0) {
                return false; // TCP's end without close_notify: a truncation, but the end all the same
            }
            if (n == 0 || net.limit() < net.capacity()) {
                return true;
            }
        }
        return true;
    }

    /** Bytes read before TLS took over (after a PROXY header): they start the first record. */
    void prepend(ByteBuffer ciphertext) {
        inRemainder = ByteBuffer.allocate(ciphertext.remaining()).put(ciphertext).flip();
    }

    /** Unwraps what {@code net} holds; keeps an incomplete record for later. False once the peer closed. */
    private boolean unwrap(ByteBuffer net, Consumer<ByteBuffer> deliver) throws IOException {
        ByteBuffer app = loop.readBuffer();
        while (true) {
            if (taskRunning) {
                keepRemainder(net);
                return true;
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                // The engine has something to say before it reads on (handshake messages, an alert).
                boolean sent = flush();
                connection.writeSoon(); // a write round sets OP_WRITE for what is left, and sends what waited
                if (!sent) {
                    keepRemainder(net);
                    return true;
                }
                continue;
            }
            if (!net.hasRemaining()) {
                return true;
            }
            app.clear();
            SSLEngineResult r = engine.unwrap(net, app);
            app.flip();
            if (app.hasRemaining()) {
                deliver.accept(app);
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    keepRemainder(net);
                    return true;
                }
                case BUFFER_OVERFLOW -> throw new SSLException("a TLS record larger than the read buffer");
                case CLOSED -> {
                    respondToHandshake(r.getHandshakeStatus());
                    return false;
                }
                case OK -> respondToHandshake(r.getHandshakeStatus());
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                    && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP && !taskRunning) {
                keepRemainder(net); // no progress without more input
                return true;
            }
        }
    }

    private void keepRemainder(ByteBuffer net) {
        if (net.hasRemaining()) {
            inRemainder = ByteBuffer.allocate(net.remaining()).put(net).flip();
        }
    }

    /** After an engine step: run its tasks, or write what it has to say, or what waited for the handshake. */
    private void respondToHandshake(HandshakeStatus status) {
        switch (status) {
            case NEED_TASK -> runTasks();
            case NEED_WRAP -> connection.writeSoon();
            case FINISHED -> {
                finished = true;
                connection.writeSoon(); // plaintext queued during the handshake can go now
            }
            default -> { }
        }
    }

    private void runTasks() {
        taskRunning = true;
        connection.pauseReading(ReadPause.TLS_TASK);
        tasks.execute(() -> {
            Throwable failure = null;
            try {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
            } catch (Throwable t) {
                failure = t;
            }
            Throwable failed = failure;
            connection.execute(() -> {
                try {
                    tasksDone(failed);
                } catch (IOException e) {
                    connection.tlsFailed(e);
                }
            });
        });
    }

    /** On the I/O thread once the delegated tasks ran: carry on where the handshake stopped. */
    private void tasksDone(Throwable failure) throws IOException {
        taskRunning = false;
        if (failure != null) {
            throw new SSLException("a TLS handshake task failed", failure);
        }
        connection.resumeReading(ReadPause.TLS_TASK);
        ByteBuffer rest = inRemainder;
        inRemainder = null;
        if (rest != null && !unwrap(rest, connection::deliver)) {
            connection.endOfInput();
            return;
        }
        respondToHandshake(engine.getHandshakeStatus());
        connection.writeSoon();
    }

    // ---- outbound ----

    @Override
    public boolean flush() throws IOException {
        if (outPending != null) {
            channel.write(outPending);
            if (outPending.hasRemaining()) {
                return false;
            }
            outPending = null;
        }
        while (!taskRunning && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer out = loop.tlsOutBuffer().clear();
            SSLEngineResult r = engine.wrap(EMPTY, out);
            if (!send(out.flip())) {
                return false;
            }
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                finished = true;
            }
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        return true;
    }

    /**
     * Wraps plaintext into records and writes them. Takes nothing while the handshake is under
     * way (the engine could not send it yet); records the socket does not take are kept.
     */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (taskRunning || !flush() || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            return 0;
        }
        ByteBuffer out = loop.tlsOutBuffer().clear();
        int recordRoom = engine.getSession().getPacketBufferSize();
        long consumed = 0;
        while (true) {
            SSLEngineResult r = engine.wrap(srcs, offset, length, out);
            consumed += r.bytesConsumed();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS output is closed");
            }
            boolean more = remaining(srcs, offset, length) > 0 && r.getStatus() == SSLEngineResult.Status.OK
                    && r.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
            if (more && out.remaining() >= recordRoom) {
                continue; // room for another record: gather more before the syscall
            }
            if (!send(out.flip())) {
                return consumed;
            }
            if (r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                respondToHandshake(r.getHandshakeStatus()); // e.g. a TLS 1.3 key update
                return consumed;
            }
            if (!more) {
                return consumed;
            }
            out.clear();
        }
    }

    /** Writes {@code out}; keeps what the socket does not take. True if all of it went. */
    private boolean send(ByteBuffer out) throws IOException {
        if (out.hasRemaining()) {
            channel.write(out);
        }
        if (out.hasRemaining()) {
            outPending = ByteBuffer.allocate(out.remaining()).put(out).flip();
            return false;
        }
        return true;
    }

    private static long remaining(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
        }
        return n;
    }

    @Override
    public boolean waitsForSocket() {
        return outPending != null;
    }

    @Override
    public boolean shutdown() throws IOException {
        if (!closeNotifyQueued) {
            closeNotifyQueued = true;
            engine.closeOutbound();
        }
        if (!flush()) {
            return false;
        }
        channel.shutdownOutput();
        return true;
    }

    /** Before the socket closes: a close_notify (or the alert a failed handshake left), if it fits. */
    void closeQuietly() {
        try {
            if (!closeNotifyQueued) {
                closeNotifyQueued = true;
                engine.closeOutbound();
            }
            if (!taskRunning) {
                flush();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        inRemainder = null;
        outPending = null;
    }

    @Override
    public boolean loopOnly() {
        return true;
    }

    @Override
    public boolean prefersCoalescing() {
        return false;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---- what the handshake settled ----

    /** Whether the handshake has finished (and application data can flow). */
    boolean finished() {
        return finished;
    }

    /** The settled parameters, once the handshake is done. */
    Optional<TlsInfo> info() {
        if (!finished && engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            return Optional.empty();
        }
        SSLSession session = engine.getSession();
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    peer.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: fine unless client auth was required, which the handshake enforced
        }
        return Optional.of(new TlsInfo(session.getProtocol(), session.getCipherSuite(), serverName(session), peer));
    }

    private Optional<String> serverName(SSLSession session) {
        if (!engine.getUseClientMode() && session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return Optional.of(host.getAsciiName());
                }
            }
            return Optional.empty();
        }
        return Optional.ofNullable(engine.getPeerHost());
    }
}
