package dev.wsf.bench.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Raw TCP echo server, the benchmark's physical-limit row: {@code java -jar tcp-echo.jar PORT}.
 *
 * <p>No HTTP, no WebSocket: every byte read is written straight back. It is what any server on
 * the JDK's NIO has to do at least for the same traffic: one thread and one {@link Selector}
 * for accept and I/O; per readable event one {@code read} into a shared direct buffer and one
 * {@code write} of what was read. When the socket cannot take it all, the rest is kept for that
 * connection and its reading stops until it is written (so a slow reader cannot make the server
 * buffer without bound). An idle connection holds only its channel and selection key.
 */
public final class TcpEchoServer {

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private final Selector selector;
    /** Kept in a field so the select loop does not allocate a lambda per call. */
    private final Consumer<SelectionKey> onReady = this::onReady;

    private TcpEchoServer() throws IOException {
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[args.length - 1]) : 9001;
        new TcpEchoServer().serve(port);
    }

    private void serve(int port) throws IOException {
        try (selector; ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            System.out.println("READY " + port);
            System.out.flush();
            while (true) {
                selector.select(onReady);
            }
        }
    }

    private void onReady(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept((ServerSocketChannel) key.channel());
            } else if (key.isReadable()) {
                echo(key);
            } else if (key.isWritable()) {
                drain(key);
            }
        } catch (IOException e) {
            // The load client resets its connections when it is done.
            close(key);
        }
    }

    private void accept(ServerSocketChannel server) throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ);
        }
    }

    private void echo(SelectionKey key) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        buffer.clear();
        if (ch.read(buffer) < 0) {
            close(key);
            return;
        }
        buffer.flip();
        ch.write(buffer);
        if (buffer.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate(buffer.remaining());
            rest.put(buffer).flip();
            key.attach(rest);
            key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private static void drain(SelectionKey key) throws IOException {
        ByteBuffer rest = (ByteBuffer) key.attachment();
        ((SocketChannel) key.channel()).write(rest);
        if (!rest.hasRemaining()) {
            key.attach(null);
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // Nothing left to do for this connection.
        }
    }
}
