package dev.wsf.samples.ticker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A client that subscribes and then never reads: the slow consumer the ticker must cope with.
 * It sends the upgrade request over a socket with a small receive buffer, so the server's queue
 * for it starts growing after a few kilobytes, and never reads a byte (over TLS: none after the
 * TLS handshake).
 */
public final class StalledReader implements AutoCloseable {
    private final Socket socket;

    private StalledReader(Socket socket) {
        this.socket = socket;
    }

    /** Subscribes over plain TCP ({@code ws://}). */
    public static StalledReader connect(InetSocketAddress server, String path) throws IOException {
        return open(server, path, null);
    }

    /**
     * Subscribes over TLS ({@code wss://}), trusting what {@code tls} trusts and checking that the
     * certificate names the host, as a browser does.
     */
    public static StalledReader connect(InetSocketAddress server, String path, SSLContext tls) throws IOException {
        return open(server, path, Objects.requireNonNull(tls, "tls"));
    }

    private static StalledReader open(InetSocketAddress server, String path, SSLContext tlsOrNull) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so that it sets the TCP window
        socket.connect(server, 5000);
        if (tlsOrNull != null) {
            SSLSocket secured = (SSLSocket) tlsOrNull.getSocketFactory()
                    .createSocket(socket, server.getHostString(), server.getPort(), true);
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secured.setSSLParameters(parameters);
            try {
                secured.startHandshake();
            } catch (IOException e) {
                secured.close(); // and the socket under it
                throw e;
            }
            socket = secured;
        }
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
