package dev.wsf.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.CertificateSpec;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.TestCertificates;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS servers: mutual TLS, certificate reload, several listeners, and what bad peers get. */
class TlsServerTest {
    private static CertificateAuthority ca;
    private static Path caFile;
    @TempDir
    Path dir;
    private WebSocketServer server;
    private WebSocketClient client;

    @BeforeAll
    static void authority(@TempDir Path shared) {
        ca = TestCertificates.newAuthority();
        caFile = ca.writeCertificate(shared.resolve("ca.pem"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static final class Echo implements EndpointHandler {
        final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session s) {
            opened.add(s);
        }

        @Override
        public void onText(Session s, String message) {
            s.sendText(message);
        }
    }

    private static final class Received implements EndpointHandler {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @Override
        public void onText(Session s, String message) {
            messages.add(message);
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("nothing received within 10 s");
            }
            return m;
        }
    }

    private Echo start(ServerConfig.Builder config) {
        Echo echo = new Echo();
        server = WebSocketServer.builder().config(config.host("127.0.0.1").port(0).build())
                .endpoint(EndpointDefinition.builder("/echo", r -> echo).dispatch(Dispatch.IO_THREAD).build())
                .build().start();
        return echo;
    }

    private TlsConfig serverTls(Credential credential, String name) {
        Credential.PemPaths pem = credential.writePem(dir, name);
        return TlsConfig.builder().pem(pem.certificates(), pem.privateKey()).build();
    }

    private WebSocketClient trustingClient() {
        return WebSocketClient.create(ClientConfig.builder()
                .tls(TlsConfig.builder().trustedCertificates(caFile).build()).build());
    }

    private String echo(Session s, Received r, String text) throws InterruptedException {
        s.sendText(text);
        return r.next();
    }

    private URI uri() {
        return URI.create("wss://localhost:" + server.port() + "/echo");
    }

    @Test
    void mutualTlsPutsTheClientsIdentityOnTheSession() throws Exception {
        Credential.PemPaths pem = ca.issue().writePem(dir, "server");
        Echo echo = start(ServerConfig.builder().tls(TlsConfig.builder().pem(pem.certificates(), pem.privateKey())
                .trustedCertificates(caFile).clientAuth(TlsConfig.ClientAuth.NEED).build()));
        client = trustingClient();
        Credential.PemPaths alice = ca.issue(CertificateSpec.localhost().withCommonName("alice")).writePem(dir, "alice");
        ConnectOptions withCertificate = ConnectOptions.builder().tls(TlsConfig.builder()
                .pem(alice.certificates(), alice.privateKey()).trustedCertificates(caFile).build()).build();
        Received r = new Received();
        Session s = client.connect(uri(), EndpointDefinition.forClient(x -> r).build(), withCertificate)
                .get(10, TimeUnit.SECONDS);
        assertEquals("hi", echo(s, r, "hi"));
        Session onServer = echo.opened.poll(5, TimeUnit.SECONDS);
        assertEquals("CN=alice", onServer.tls().orElseThrow().peerPrincipal().orElseThrow().getName());

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> client.connect(uri(), new Received()).get(10, TimeUnit.SECONDS),
                "without a certificate the handshake fails");
        assertTrue(String.valueOf(refused.getCause().getMessage()).contains("localhost"), refused.getCause().getMessage());
    }

    @Test
    void wantedClientCertificatesAreOptional() throws Exception {
        Credential.PemPaths pem = ca.issue().writePem(dir, "server");
        Echo echo = start(ServerConfig.builder().tls(TlsConfig.builder().pem(pem.certificates(), pem.privateKey())
                .trustedCertificates(caFile).clientAuth(TlsConfig.ClientAuth.WANT).build()));
        client = trustingClient();
        Received r = new Received();
        Session s = client.connect(uri(), r).get(10, TimeUnit.SECONDS);
        assertEquals("hi", echo(s, r, "hi"));
        assertTrue(echo.opened.poll(5, TimeUnit.SECONDS).tls().orElseThrow().peerCertificates().isEmpty());
    }

    @Test
    void aReloadedCertificateServesNewHandshakesWhileOpenSessionsGoOn() throws Exception {
        Credential.PemPaths first = ca.issue(CertificateSpec.localhost().withCommonName("first")).writePem(dir, "first");
        Path cert = Files.copy(first.certificates(), dir.resolve("live.crt"));
        Path key = Files.copy(first.privateKey(), dir.resolve("live.key"));
        start(ServerConfig.builder().tls(TlsConfig.builder().pem(cert, key).build()));
        client = trustingClient();
        Received old = new Received();
        Session before = client.connect(uri(), old).get(10, TimeUnit.SECONDS);
        assertEquals("CN=first", subject(before));

        Credential.PemPaths second = ca.issue(CertificateSpec.localhost().withCommonName("second")).writePem(dir, "second");
        Files.copy(second.certificates(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.privateKey(), key, StandardCopyOption.REPLACE_EXISTING);
        server.reloadTls();

        Received fresh = new Received();
        Session after = client.connect(uri(), fresh).get(10, TimeUnit.SECONDS);
        assertEquals("CN=second", subject(after), "a new handshake sees the new certificate");
        assertEquals("still here", echo(before, old, "still here"), "the open session goes on");
        assertEquals("CN=first", subject(before));
    }

    @Test
    void changedFilesAreReloadedWhenWatched() throws Exception {
        Credential.PemPaths first = ca.issue(CertificateSpec.localhost().withCommonName("first")).writePem(dir, "first");
        Path cert = Files.copy(first.certificates(), dir.resolve("live.crt"));
        Path key = Files.copy(first.privateKey(), dir.resolve("live.key"));
        start(ServerConfig.builder().tls(TlsConfig.builder().pem(cert, key).watchInterval(Duration.ofMillis(50)).build()));
        client = trustingClient();
        Credential.PemPaths second = ca.issue(CertificateSpec.localhost().withCommonName("second")).writePem(dir, "second");
        // Swapped in whole, as certbot or a Kubernetes secret does: written aside, then moved.
        Files.move(Files.copy(second.privateKey(), dir.resolve("next.key")), key, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(Files.copy(second.certificates(), dir.resolve("next.crt")), cert, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Eventually.until(Duration.ofSeconds(10), () -> {
            try {
                Session s = client.connect(uri(), new Received()).get(10, TimeUnit.SECONDS);
                s.close(new CloseReason(1000, ""));
                return subject(s).equals("CN=second");
            } catch (Exception e) {
                return false; // caught between the two files: the next check sees both
            }
        }, () -> "the new certificate was not picked up");
    }

    @Test
    void plainAndTlsListenersServeTheSameEndpoints() throws Exception {
        Credential.PemPaths pem = ca.issue().writePem(dir, "server");
        TlsConfig tls = TlsConfig.builder().pem(pem.certificates(), pem.privateKey()).build();
        start(ServerConfig.builder().listener(ServerConfig.Listener.tls("127.0.0.1", 0, tls)));
        client = trustingClient();
        int plainPort = server.localAddresses().get(0).getPort();
        int tlsPort = server.localAddresses().get(1).getPort();
        Received plain = new Received();
        Received secure = new Received();
        Session a = client.connect(URI.create("ws://127.0.0.1:" + plainPort + "/echo"), plain).get(10, TimeUnit.SECONDS);
        Session b = client.connect(URI.create("wss://localhost:" + tlsPort + "/echo"), secure).get(10, TimeUnit.SECONDS);
        assertEquals("plain", echo(a, plain, "plain"));
        assertEquals("secure", echo(b, secure, "secure"));
        assertTrue(a.tls().isEmpty());
        assertTrue(b.tls().isPresent());
    }

    @Test
    void plaintextAndGarbageOnTheTlsPortAreClosedAtOnceAndLoggedBelowWarning() throws Exception {
        start(ServerConfig.builder().tls(serverTls(ca.issue(), "server")).handshakeTimeout(Duration.ofSeconds(30)));
        try (LogCapture log = LogCapture.under("dev.wsf")) {
            for (byte[] junk : new byte[][] {
                    "GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5},
                    new byte[300]}) {
                long start = System.nanoTime();
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(junk);
                    drain(s.getInputStream());
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "closed after " + millis + " ms, not at the 30 s handshake timeout");
            }
            Eventually.until(Duration.ofSeconds(5), () -> server.connectionCount() == 0, () -> "connections left");
            assertEquals(java.util.List.of(), log.messagesAtLeast(Level.WARNING));
        }
    }

    @Test
    void aHandshakeThatNeverCompletesEndsAtTheHandshakeTimeout() throws Exception {
        start(ServerConfig.builder().tls(serverTls(ca.issue(), "server")).handshakeTimeout(Duration.ofMillis(500)));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}); // a ClientHello's first bytes
            long start = System.nanoTime();
            drain(s.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 300 && millis < 5_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void aClientRefusesServersItCannotTrustAndSaysWhy() throws Exception {
        CertificateAuthority stranger = TestCertificates.newAuthority("stranger CA", dev.wsf.testkit.tls.KeyType.EC_P256);
        start(ServerConfig.builder().tls(serverTls(stranger.issue(), "server")));
        client = trustingClient();
        assertFailsWith(uri(), "localhost", "not trusted");

        server.stop();
        start(ServerConfig.builder().tls(serverTls(ca.issue(CertificateSpec.localhost().expired()), "expired")));
        assertFailsWith(uri(), "localhost", "has expired");

        server.stop();
        start(ServerConfig.builder().tls(serverTls(ca.issue(CertificateSpec.localhost()
                .withDnsNames("elsewhere.example").withIpAddresses()), "elsewhere")));
        assertFailsWith(uri(), "localhost", "localhost");
        Eventually.until(Duration.ofSeconds(5), () -> server.connectionCount() == 0 && client.connectionCount() == 0,
                () -> "connections left: server " + server.connectionCount() + ", client " + client.connectionCount());
    }

    @Test
    void alpnAgreesOnHttp11() throws Exception {
        start(ServerConfig.builder().tls(serverTls(ca.issue(), "server")));
        try (SSLSocket s = (SSLSocket) ca.trustingOnly().getSocketFactory().createSocket("localhost", server.port())) {
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            s.setSSLParameters(p);
            s.startHandshake();
            assertEquals("http/1.1", s.getApplicationProtocol(), "a WebSocket upgrade is HTTP/1.1, never h2");
        }
    }

    @Test
    void aPeerVanishingMidRecordEndsOnlyItsOwnSession() throws Exception {
        Echo echo = start(ServerConfig.builder().tls(serverTls(ca.issue(), "server")));
        client = trustingClient();
        Received witnessReceived = new Received();
        Session witness = client.connect(uri(), witnessReceived).get(10, TimeUnit.SECONDS);
        echo.opened.poll(10, TimeUnit.SECONDS);
        try (LogCapture log = LogCapture.under("dev.wsf");
                Socket tcp = new Socket("127.0.0.1", server.port())) {
            SSLSocket tls = (SSLSocket) ca.trustingOnly().getSocketFactory()
                    .createSocket(tcp, "localhost", server.port(), false);
            tls.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            assertTrue(new String(tls.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).endsWith("101"));
            assertTrue(echo.opened.poll(10, TimeUnit.SECONDS) != null, "the upgrade opened a session");
            Eventually.until(Duration.ofSeconds(5), () -> server.stats().openSessions() == 2, () -> "two sessions");

            // An application-data record header announcing 16 KiB, 10 bytes of it, and the peer is gone.
            tcp.getOutputStream().write(new byte[] {0x17, 0x03, 0x03, 0x40, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            tcp.getOutputStream().flush();
            tcp.close();

            Eventually.until(Duration.ofSeconds(10), () -> server.stats().openSessions() == 1,
                    () -> "sessions still open: " + server.stats().openSessions());
            assertEquals("still here", echo(witness, witnessReceived, "still here"));
            assertEquals(java.util.List.of(), log.messagesAtLeast(Level.WARNING));
        }
    }

    private void assertFailsWith(URI uri, String host, String reason) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.connect(uri, new Received()).get(10, TimeUnit.SECONDS));
        String message = String.valueOf(e.getCause().getMessage());
        assertTrue(message.contains("TLS handshake with " + host), message);
        assertTrue(message.toLowerCase().contains(reason.toLowerCase()), message);
    }

    private static void drain(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
            // until the server closes
        }
    }

    private static String subject(Session s) {
        return s.tls().orElseThrow().peerCertificates().get(0).getSubjectX500Principal().getName();
    }
}
