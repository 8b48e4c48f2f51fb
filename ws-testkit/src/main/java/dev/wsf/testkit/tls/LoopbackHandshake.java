package dev.wsf.testkit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * One TLS handshake between the JDK's own {@link SSLServerSocket} and {@link SSLSocket} over
 * loopback, then one byte each way. It proves certificates and keys work with an implementation
 * independent of ours, with the client checking the host name as a browser would ("HTTPS"
 * endpoint identification) against the name it was given, while the bytes go to 127.0.0.1.
 */
public final class LoopbackHandshake {
    private static final int TIMEOUT_MILLIS = 10_000;

    /**
     * How it went: the certificates the client received (empty on failure) and each side's
     * failure, or null. With TLS 1.3 a server refusing the client's certificate shows on the client
     * only when it reads, which is why one byte goes each way.
     */
    public record Outcome(List<Certificate> serverChain, String protocol, Throwable clientFailure, Throwable serverFailure) {
        public boolean succeeded() {
            return clientFailure == null && serverFailure == null;
        }
    }

    private LoopbackHandshake() {
    }

    /**
     * Runs a handshake limited to {@code protocol} (e.g. "TLSv1.3"); the client believes it talks to
     * {@code peerHost} ("localhost", "127.0.0.1", "::1", ...). {@code needClientAuth} makes the
     * server demand a client certificate (mutual TLS).
     */
    public static Outcome run(SSLContext server, boolean needClientAuth, SSLContext client, String peerHost,
            String protocol) {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {protocol});
            listener.setNeedClientAuth(needClientAuth);
            listener.setSoTimeout(TIMEOUT_MILLIS);
            CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> serve(listener), task -> {
                Thread thread = new Thread(task, "loopback-tls-server");   // not the common pool: it blocks
                thread.setDaemon(true);
                thread.start();
            });
            Throwable clientFailure = null;
            List<Certificate> chain = List.of();
            String negotiated = null;
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), TIMEOUT_MILLIS);
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                        .createSocket(plain, peerHost, listener.getLocalPort(), true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    parameters.setProtocols(new String[] {protocol});
                    socket.setSSLParameters(parameters);
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.startHandshake();
                    chain = List.of(socket.getSession().getPeerCertificates());
                    negotiated = socket.getSession().getProtocol();
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                    if (socket.getInputStream().read() != 42) {
                        throw new IOException("the server did not echo the byte");
                    }
                }
            } catch (IOException e) {
                clientFailure = e;
            }
            return new Outcome(clientFailure == null ? chain : List.of(), negotiated, clientFailure, serverFailure(serverSide));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    private static void serve(SSLServerSocket listener) {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            int b = socket.getInputStream().read();
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Throwable serverFailure(CompletableFuture<Void> serverSide) {
        try {
            serverSide.get(2L * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof UncheckedIOException u ? u.getCause() : cause;
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
