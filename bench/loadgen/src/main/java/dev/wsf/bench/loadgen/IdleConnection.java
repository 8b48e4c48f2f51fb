package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of the idle run: connect, upgrade, then sit quietly. Once open it only watches
 * for the server closing it (or, wrongly, sending something).
 */
final class IdleConnection {

    enum State { CONNECTING, UPGRADING, OPEN }

    private final SocketChannel channel;
    private final Handshake handshake;
    private ByteBuffer response = ByteBuffer.allocate(1024);
    private State state = State.CONNECTING;

    IdleConnection(SocketChannel channel, Handshake handshake) {
        this.channel = channel;
        this.handshake = handshake;
    }

    SocketChannel channel() {
        return channel;
    }

    State state() {
        return state;
    }

    /** Finishes the TCP connect and sends the upgrade request (small enough for one write). */
    void onConnectable(SelectionKey key) throws IOException {
        if (!channel.finishConnect()) {
            return;
        }
        ByteBuffer request = handshake.request();
        channel.write(request);
        if (request.hasRemaining()) {
            throw new IOException("upgrade request did not fit in one write");
        }
        state = State.UPGRADING;
        key.interestOps(SelectionKey.OP_READ);
    }

    /**
     * Reads the handshake response while upgrading; once open, any read means trouble.
     *
     * @return true when this read completed the upgrade
     */
    boolean onReadable(ByteBuffer scratch) throws IOException {
        if (state == State.OPEN) {
            scratch.clear();
            int n = channel.read(scratch);
            throw new IOException(n < 0 ? "server closed an idle connection" : "server sent data on an idle connection");
        }
        if (channel.read(response) < 0) {
            throw new IOException("server closed the connection during the handshake");
        }
        response.flip();
        int head = handshake.check(response);
        if (head < 0) {
            response.position(response.limit()).limit(response.capacity());
            return false;
        }
        if (response.remaining() != head) {
            throw new IOException("unexpected bytes after the handshake response");
        }
        response = null;   // an idle connection keeps no buffer
        state = State.OPEN;
        return true;
    }
}
