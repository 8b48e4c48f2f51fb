package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The fan-out benchmark's control connection: one WebSocket on the server's control path that
 * sends commands as text messages and collects the server's one-line text replies.
 *
 * <pre>
 * state              -> state NANOTIME NEXTSEQ SUBSCRIBERS
 * burst K SIZE       -> published FIRSTSEQ K HANDED      (after publishing K messages of SIZE bytes)
 * stats              -> stats SUBSCRIBERS BACKLOGGED BYTES   (subscribers with bytes queued in the
 *                                                          server, and those bytes)
 * mem                -> mem HEAP_USED EXTERNAL ARRAY_BUFFERS RSS   (Node, after a GC of its own)
 * </pre>
 *
 * A server that cannot do something answers {@code error TEXT}. Replies are read by the run's
 * selector ({@link #onReadable}); the run pumps its loop until the one it waits for is there.
 */
final class FanoutControl {

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private final Deque<String> replies = new ArrayDeque<>();

    private FanoutControl(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects and upgrades, blocking; returns the connection non-blocking and unregistered. */
    static FanoutControl open(FanoutOptions o) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(o.address(), 5_000);
            ch.socket().setSoTimeout(10_000);
            Handshake handshake = Handshake.withDeflate(o.host(), o.port(), o.controlPath(), false);
            ByteBuffer request = handshake.request();
            while (request.hasRemaining()) {
                ch.write(request);
            }
            ByteBuffer response = ByteBuffer.allocate(8192);
            var stream = ch.socket().getInputStream();
            while (true) {
                int n = stream.read(response.array(), response.position(), response.remaining());
                if (n < 0) {
                    throw new IOException("server closed the control connection during the handshake");
                }
                response.position(response.position() + n).flip();
                int head = handshake.check(response);
                if (head >= 0) {
                    if (response.remaining() != head) {
                        throw new IOException("unexpected bytes after the control handshake response");
                    }
                    break;
                }
                response.position(response.limit()).limit(response.capacity());
            }
            ch.configureBlocking(false);
            return new FanoutControl(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /** Sends one command (a masked text frame); commands are short, so this never waits long. */
    void send(String command) throws IOException {
        ByteBuffer frame = ByteBuffer.wrap(Frames.clientFrame(Frames.OP_TEXT, command.getBytes(StandardCharsets.US_ASCII)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (frame.hasRemaining()) {
            channel.write(frame);
            if (frame.hasRemaining() && System.nanoTime() > deadline) {
                throw new IOException("control command not taken by the server within 10 s");
            }
        }
    }

    /** Reads what arrived and keeps each whole reply. */
    void onReadable() throws IOException {
        if (channel.read(in) < 0) {
            throw new IOException("server closed the control connection");
        }
        in.flip();
        while (in.remaining() >= 2) {
            int p = in.position();
            int b0 = in.get(p) & 0xFF;
            int len7 = in.get(p + 1) & 0x7F;
            if ((in.get(p + 1) & Frames.MASK) != 0 || len7 == 127) {
                throw new IOException("malformed control reply");
            }
            int header = len7 == 126 ? 4 : 2;
            if (in.remaining() < header) {
                break;
            }
            int length = len7 == 126 ? in.getShort(p + 2) & 0xFFFF : len7;
            if (in.remaining() < header + length) {
                break;
            }
            if ((b0 & 0x0F) == Frames.OP_CLOSE) {
                throw new IOException("server closed the control connection");
            }
            if (b0 != (Frames.FIN | Frames.OP_TEXT)) {
                throw new IOException("control reply is not one text frame: " + Integer.toHexString(b0));
            }
            byte[] text = new byte[length];
            in.get(p + header, text);
            in.position(p + header + length);
            String reply = new String(text, StandardCharsets.UTF_8);
            if (reply.startsWith("error")) {
                throw new IOException("server: " + reply);
            }
            replies.add(reply);
        }
        in.compact();
    }

    /** The oldest reply not yet taken, or null. */
    String poll() {
        return replies.poll();
    }

    void close() {
        Connector.abort(channel);
    }
}
