package dev.wsf.runtime.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Output straight to the socket: plain {@code ws://}. */
final class SocketEgress implements Egress {
    private final SocketChannel channel;

    SocketEgress(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public boolean waitsForSocket() {
        return true;
    }

    @Override
    public boolean shutdown() throws IOException {
        channel.shutdownOutput();
        return true;
    }

    @Override
    public boolean loopOnly() {
        return false;
    }

    @Override
    public boolean prefersCoalescing() {
        return true;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return channel.write(srcs, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return channel.write(srcs);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
