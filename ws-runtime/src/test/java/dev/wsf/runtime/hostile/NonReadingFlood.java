package dev.wsf.runtime.hostile;

import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that send echo requests as fast as the server takes them and never read a byte of the
 * replies. Each keeps its socket buffers small (64 KiB each way), so what piles up is in the
 * server, where the test can see it, not in the kernel.
 */
final class NonReadingFlood implements AutoCloseable {
    private static final int SOCKET_BUFFER = 64 * 1024;
    /**
     * At most 64 MiB/s in all: on two shared cores a flood at full speed starves every thread of
     * the JVM, the witness's included, and then measures the machine rather than the server
     * (at 128 MiB/s, with other builds on the machine, one echo in a hundred took over a second).
     */
    private static final long BYTES_PER_MILLI = 64 * 1024 * 1024 / 1000;

    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final byte[] message;
    private final long perClientLimit;

    /** One non-reading client: its channel, the message it is writing, and how much it sent. */
    private static final class Client {
        final SocketChannel channel;
        ByteBuffer pending;
        long sent;
        boolean gone;

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * Opens {@code count} upgraded clients on {@code path}; each will send copies of one
     * {@code messageSize}-byte binary message, {@code perClientLimit} bytes at most.
     */
    NonReadingFlood(int port, String path, int count, int messageSize, long perClientLimit) throws IOException {
        this.selector = Selector.open();
        this.message = RawFrame.of(0x2).payload(new byte[messageSize]).bytes();
        this.perClientLimit = perClientLimit;
        try {
            for (int i = 0; i < count; i++) {
                clients.add(open(port, path));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Client open(int port, String path) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Client c = new Client(channel);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        channel.connect(new InetSocketAddress("127.0.0.1", port));
        channel.write(ByteBuffer.wrap(UpgradeRequestBuilder.to(path).bytes()));
        ByteBuffer head = ByteBuffer.allocate(1024);
        while (!StandardCharsets.ISO_8859_1.decode(head.duplicate().flip()).toString().contains("\r\n\r\n")) {
            if (channel.read(head) < 0) {
                throw new IOException("closed during the upgrade");
            }
        }
        String response = StandardCharsets.ISO_8859_1.decode(head.flip()).toString();
        if (!response.startsWith("HTTP/1.1 101") || !response.endsWith("\r\n\r\n")) {
            throw new AssertionError("upgrade refused, or frames right behind the 101: " + response);
        }
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_WRITE, c);
        return c;
    }

    /**
     * Writes until no client has made progress for {@code stallMillis} (the server stopped
     * reading them all), every client has sent its limit, or {@code maxMillis} have passed.
     *
     * @return whether it stopped because everyone stalled
     */
    boolean floodUntilStalled(long stallMillis, long maxMillis) throws IOException {
        long start = System.nanoTime();
        long lastProgress = start;
        while (true) {
            long now = System.nanoTime();
            if (now - lastProgress > stallMillis * 1_000_000) {
                return true;
            }
            if (now - start > maxMillis * 1_000_000 || selector.keys().isEmpty()) {
                return false;
            }
            long allowed = (now - start) / 1_000_000 * BYTES_PER_MILLI;
            if (totalSent() > allowed) {
                selector.select(5); // ahead of the rate: wait (any wakeup is harmless)
                selector.selectedKeys().clear();
                continue;
            }
            selector.select(50);
            for (SelectionKey key : selector.selectedKeys()) {
                if (write((Client) key.attachment())) {
                    lastProgress = System.nanoTime();
                }
                if (!key.isValid() || ((Client) key.attachment()).gone) {
                    key.cancel();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Writes what the socket takes now; true if it took anything. */
    private boolean write(Client c) {
        if (c.sent >= perClientLimit) {
            c.gone = true;
            return false;
        }
        if (c.pending == null || !c.pending.hasRemaining()) {
            c.pending = ByteBuffer.wrap(message);
        }
        try {
            int n = c.channel.write(c.pending);
            c.sent += n;
            return n > 0;
        } catch (IOException e) {
            c.gone = true; // the server closed it: shed with 1013, most likely
            return false;
        }
    }

    /** The most any one client got the server to take. */
    long maxSent() {
        return clients.stream().mapToLong(c -> c.sent).max().orElse(0);
    }

    long totalSent() {
        return clients.stream().mapToLong(c -> c.sent).sum();
    }

    @Override
    public void close() throws IOException {
        for (Client c : clients) {
            c.channel.close();
        }
        selector.close();
    }
}
