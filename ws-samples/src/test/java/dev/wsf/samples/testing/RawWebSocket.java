package dev.wsf.samples.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that writes frames byte by byte, to send what a well-behaved client never would (a
 * wrong CRC) and to see exactly what the server wrote. Reads time out after 10 seconds.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final String responseHead;

    /** A frame as read: the first header byte (FIN, RSV, opcode) and the unmasked payload. */
    public record RawFrame(int b0, byte[] payload) {
        public int opcode() {
            return b0 & 0x0F;
        }

        public int rsv() {
            return (b0 >> 4) & 0x7;
        }

        /** The status code of a close frame. */
        public int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private RawWebSocket(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.responseHead = responseHead;
    }

    /** Upgrades to {@code path}, offering {@code extensions} (a header value, or null for none). */
    public static RawWebSocket connect(int port, String path, String extensions) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return new RawWebSocket(socket, readHead(new DataInputStream(socket.getInputStream())));
    }

    /** The server's response head, e.g. starting with {@code HTTP/1.1 101}. */
    public String responseHead() {
        return responseHead;
    }

    /** The value of a response header, or null. */
    public String responseHeader(String name) {
        for (String line : responseHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Sends one masked frame with FIN set: {@code rsvAndOpcode} is e.g. {@code 0x21} for RSV2 + text. */
    public void sendFrame(int rsvAndOpcode, byte[] payload) throws IOException {
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | rsvAndOpcode);
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame.toByteArray());
    }

    /** Reads one unmasked server frame. */
    public RawFrame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7F;
        long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new RawFrame(b0, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }
}
