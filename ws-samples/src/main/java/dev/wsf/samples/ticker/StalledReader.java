package dev.wsf.samples.ticker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that subscribes and then never reads: the slow consumer the ticker must cope with.
 * It sends the upgrade request over a plain socket with a small receive buffer, so the server's
 * queue for it starts growing after a few kilobytes, and never reads a byte.
 */
public final class StalledReader implements AutoCloseable {
    private final Socket socket;

    private StalledReader(Socket socket) {
        this.socket = socket;
    }

    public static StalledReader connect(InetSocketAddress server, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so that it sets the TCP window
        socket.connect(server, 5000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new StalledReader(socket);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
