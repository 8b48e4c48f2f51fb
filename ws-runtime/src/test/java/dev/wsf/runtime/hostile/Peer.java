package dev.wsf.runtime.hostile;

import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A blocking raw client for attacks: upgrades with any request, writes any bytes, and reads the
 * server's frames one at a time (reads time out after 10 s). Unlike the testing package's
 * {@code RawClient} it can shrink its receive buffer before connecting, so that a peer that
 * never reads does not make the kernel buffer megabytes for it.
 */
final class Peer implements AutoCloseable {
    /** A frame from the server (never masked). */
    record Frame(int opcode, boolean fin, byte[] payload) {
        static final int TEXT = 0x1;
        static final int CLOSE = 0x8;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, 1005 for a close frame without one; only for close frames. */
        int closeCode() {
            return payload.length < 2 ? 1005 : ByteBuffer.wrap(payload).getShort() & 0xFFFF;
        }

        @Override
        public String toString() {
            return opcode == CLOSE ? "CLOSE " + closeCode() + " " + (payload.length > 2
                    ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "")
                    : "opcode " + opcode + ", " + payload.length + " bytes";
        }
    }

    final Socket socket;
    private final DataInputStream in;
    /** The response head of the upgrade, once {@link #upgrade} has run. */
    String responseHead;

    private Peer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects; {@code receiveBuffer} > 0 sets SO_RCVBUF first (it must precede the connect). */
    static Peer connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        try {
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new Peer(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Connects and completes a valid upgrade to {@code path}. */
    static Peer upgraded(int port, String path) throws IOException {
        return connect(port, 0).upgrade(UpgradeRequestBuilder.to(path));
    }

    /** Sends the request and reads the response head, failing unless it is a 101. */
    Peer upgrade(UpgradeRequestBuilder request) throws IOException {
        try {
            send(request.bytes());
            responseHead = readHead();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (!responseHead.startsWith("HTTP/1.1 101")) {
            close();
            throw new AssertionError("upgrade refused: " + responseHead);
        }
        return this;
    }

    Peer send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        return this;
    }

    /** Sends a masked text message and returns the next data frame's text. */
    String echo(String message) throws IOException {
        send(RawFrame.text(message).bytes());
        Frame f = readFrame();
        if (f.opcode() != Frame.TEXT) {
            throw new AssertionError("expected the echo of '" + message + "', got " + f);
        }
        return f.text();
    }

    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((b1 & 0x80) != 0 || length > Integer.MAX_VALUE - 8) {
            throw new AssertionError("not a frame a server may send: " + Integer.toHexString(b0) + " " + length);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /** Reads past data frames to the server's close frame. */
    Frame readClose() throws IOException {
        for (Frame f = readFrame(); ; f = readFrame()) {
            if (f.opcode() == Frame.CLOSE) {
                return f;
            }
        }
    }

    /** Whether the server has ended the connection: end of stream (or a reset) on the next read. */
    boolean atEndOfStream() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of stream in the response head: " + out);
            }
            out.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
