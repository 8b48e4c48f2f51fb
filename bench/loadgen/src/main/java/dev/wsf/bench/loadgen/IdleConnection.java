package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of the idle run: connect, the TLS handshake if any, the upgrade unless raw,
 * then sit quietly. Once open it only watches for the server closing it (or, wrongly, sending
 * something), and keeps no buffer.
 */
final class IdleConnection {

    enum State { CONNECTING, TLS_HANDSHAKE, UPGRADING, OPEN }

    private final SocketChannel channel;
    private final Handshake handshake;
    private final TlsLink tls;
    private final boolean raw;
    private Link link;
    private ByteBuffer response = ByteBuffer.allocate(1024);
    private State state = State.CONNECTING;

    /**
     * @param handshake the upgrade to make, or null for a raw connection
     * @param tls the TLS side of the channel, or null for plain TCP
     */
    IdleConnection(SocketChannel channel, Handshake handshake, TlsLink tls) {
        this.channel = channel;
        this.handshake = handshake;
        this.tls = tls;
        this.raw = handshake == null;
        this.link = tls != null ? tls : Link.plain(channel);
    }

    SocketChannel channel() {
        return channel;
    }

    State state() {
        return state;
    }

    /**
     * Finishes the TCP connect and starts what follows.
     *
     * @return true when this made the connection open (raw connections open right away)
     */
    boolean onConnectable(SelectionKey key) throws IOException {
        if (!channel.finishConnect()) {
            return false;
        }
        if (tls != null) {
            state = State.TLS_HANDSHAKE;
            return continueHandshake(key);
        }
        return afterTransport(key);
    }

    /**
     * Handles readiness after the connect: handshake steps, the upgrade response, or (once open)
     * the server doing something it should not.
     *
     * @return true when this call made the connection open
     */
    boolean onReady(SelectionKey key, ByteBuffer scratch) throws IOException {
        switch (state) {
            case TLS_HANDSHAKE -> {
                return continueHandshake(key);
            }
            case UPGRADING -> {
                return key.isReadable() && readUpgrade();
            }
            case OPEN -> {
                scratch.clear();
                int n = channel.read(scratch);
                throw new IOException(n < 0 ? "server closed an idle connection" : "server sent data on an idle connection");
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private boolean continueHandshake(SelectionKey key) throws IOException {
        int ops = tls.handshake();
        if (ops != 0) {
            key.interestOps(ops);
            return false;
        }
        return afterTransport(key);
    }

    /** TCP (and TLS) are up: a raw connection is open, a WebSocket one sends its upgrade. */
    private boolean afterTransport(SelectionKey key) throws IOException {
        if (raw) {
            open();
            key.interestOps(SelectionKey.OP_READ);
            return true;
        }
        ByteBuffer request = handshake.request();
        link.write(request);
        if (request.hasRemaining() || !link.flush()) {
            throw new IOException("upgrade request did not fit in one write");
        }
        state = State.UPGRADING;
        key.interestOps(SelectionKey.OP_READ);
        return false;
    }

    private boolean readUpgrade() throws IOException {
        if (link.read(response) < 0) {
            throw new IOException("server closed the connection during the handshake");
        }
        response.flip();
        int head = handshake.check(response);
        if (head < 0) {
            response.position(response.limit()).limit(response.capacity());
            return false;
        }
        if (response.remaining() != head || link.hasBufferedInput()) {
            throw new IOException("unexpected bytes after the handshake response");
        }
        open();
        return true;
    }

    private void open() {
        response = null;   // an idle connection keeps no buffer
        if (tls != null) {
            tls.release();
        }
        link = null;
        state = State.OPEN;
    }
}
