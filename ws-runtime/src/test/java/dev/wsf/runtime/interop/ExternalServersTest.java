package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.TlsInfo;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.PeerProcess;
import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.KeyType;
import dev.wsf.testkit.tls.TestCertificates;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client against servers we did not write: Python websockets and Node ws, each serving the
 * interop contract (/echo with chat.v1/chat.v2 and permessage-deflate, /close/{code}), over
 * {@code ws://} and over {@code wss://}. Over TLS the peer serves a certificate for localhost from
 * a test CA made for the run (PEM files on its command line), and our client connects to
 * {@code wss://localhost:PORT} trusting that CA only, host name verified.
 */
@Tag("interop")
class ExternalServersTest {
    @TempDir
    static Path dir;
    private static Credential.PemPaths serverPem;
    private static Path caPem;
    private final WebSocketClient client = WebSocketClient.create(ClientConfig.builder().maxMessageSize(8 << 20)
            .maxFrameSize(8 << 20).tls(TlsConfig.builder().trustedCertificates(caPem).build()).build());
    private PeerProcess.Server server;
    private String base;

    @BeforeAll
    static void certificates() {
        CertificateAuthority ca = TestCertificates.newAuthority();
        caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        serverPem = ca.issue().writePem(dir, "server");
    }

    /** Each peer server, over plain TCP and over TLS. */
    static Stream<Arguments> peers() {
        return Stream.of("python", "node")
                .flatMap(peer -> Stream.of(Arguments.of(peer, "ws"), Arguments.of(peer, "wss")));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /** Records what our client's session receives, whole messages kept as they are. */
    private static final class Recorder implements EndpointHandler {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        Object next() throws InterruptedException {
            Object e = events.poll(15, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("nothing received within 15 s");
            }
            return e;
        }

        @Override
        public void onText(Session s, String message) {
            events.add(message);
        }

        @Override
        public void onBinary(Session s, ByteBuffer message) {
            events.add(ByteBuffer.allocate(message.remaining()).put(message).flip());
        }

        @Override
        public void onPong(Session s, ByteBuffer payload) {
            events.add("pong:" + StandardCharsets.UTF_8.decode(payload));
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            events.add(reason);
        }
    }

    private Session connect(String peer, String scheme, String path, Recorder recorder, ConnectOptions options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--max-lifetime", "120"));
        boolean tls = scheme.equals("wss");
        if (tls) {
            args.addAll(List.of("--cert", serverPem.certificates().toString(),
                    "--key", serverPem.privateKey().toString()));
        }
        String[] a = args.toArray(String[]::new);
        server = PeerProcess.startServer(peer.equals("python") ? PeerProcess.python("ws_server.py", a)
                : PeerProcess.node("server.mjs", a));
        base = tls ? "wss://localhost:" + server.port : "ws://127.0.0.1:" + server.port;
        Session s = client.connect(URI.create(base + path), recorder, options).get(15, TimeUnit.SECONDS);
        if (tls) {
            TlsInfo info = s.tls().orElseThrow(() -> new AssertionError("a wss:// session without TLS"));
            assertEquals("localhost", info.serverName().orElseThrow(), "SNI");
            assertEquals("TLSv1.3", info.protocol());
        } else {
            assertTrue(s.tls().isEmpty());
        }
        return s;
    }

    /** The other side of verification: trusting another CA, our client refuses the peer's certificate. */
    @ParameterizedTest(name = "wss {0} server: our client refuses a certificate it does not trust")
    @ValueSource(strings = {"python", "node"})
    void untrustedServer(String peer) throws Exception {
        Path otherCa = TestCertificates.newAuthority("another CA", KeyType.EC_P256)
                .writeCertificate(dir.resolve("other.pem"));
        try (WebSocketClient distrusting = WebSocketClient.create(ClientConfig.builder()
                .tls(TlsConfig.builder().trustedCertificates(otherCa).build()).build())) {
            connect(peer, "wss", "/echo", new Recorder(), ConnectOptions.defaults()); // our usual client: fine
            ExecutionException e = assertThrows(ExecutionException.class, () -> distrusting.connect(
                    URI.create(base + "/echo"), new Recorder(), ConnectOptions.defaults()).get(15, TimeUnit.SECONDS));
            assertTrue(causes(e).contains("SSLHandshakeException") || causes(e).contains("certificat"), causes(e));
        }
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" <- ");
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void textAndBinaryEchoes(String peer, String scheme) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, scheme, "/echo", r, ConnectOptions.defaults());
        for (String text : List.of("hello", "", "\u00e9\u4e2d\ud83d\ude00", "x".repeat(65536))) {
            s.sendText(text);
            assertEquals(text, r.next());
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] random = new byte[65536];
        new Random(5).nextBytes(random);
        for (byte[] b : List.of(new byte[0], all, random)) {
            s.sendBinary(ByteBuffer.wrap(b));
            assertEquals(ByteBuffer.wrap(b), r.next());
        }
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void largeAndFragmentedMessages(String peer, String scheme) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, scheme, "/echo", r, ConnectOptions.defaults());
        byte[] big = new byte[4 << 20];
        new Random(6).nextBytes(big);
        s.sendBinary(ByteBuffer.wrap(big));
        assertEquals(ByteBuffer.wrap(big), r.next());
        String text = "wsf \u20ac ".repeat(700_000);
        s.sendText(text);
        assertEquals(text, r.next());
        s.sendText("frag", false);
        s.sendText("", false);
        s.sendText("mented", true);
        assertEquals("fragmented", r.next());
        s.sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
        s.sendBinary(ByteBuffer.wrap(new byte[] {2, 3}), true);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), r.next());
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void pingsAreAnswered(String peer, String scheme) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, scheme, "/echo", r, ConnectOptions.defaults());
        s.sendPing(ByteBuffer.wrap("wsf-ping-1".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pong:wsf-ping-1", r.next());
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void subprotocols(String peer, String scheme) throws Exception {
        Session s = connect(peer, scheme, "/echo", new Recorder(),
                ConnectOptions.builder().subprotocols("chat.v2", "chat.v1").build());
        assertEquals("chat.v2", s.subprotocol().orElseThrow());
        Session none = client.connect(URI.create(base + "/echo"), new Recorder(),
                ConnectOptions.builder().subprotocols("unknown").build()).get(15, TimeUnit.SECONDS);
        assertTrue(none.subprotocol().isEmpty());
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void permessageDeflateIsNegotiatedAndUsed(String peer, String scheme) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, scheme, "/echo", r, ConnectOptions.defaults());
        assertEquals("permessage-deflate", s.extensions().get(0).name(), "negotiated: " + s.extensions());
        String compressible = "{\"user\":\"ann\",\"text\":\"hello room\"}\n".repeat(3000);
        for (String text : List.of(compressible, "hi", "", "\u00e9".repeat(1200))) {
            s.sendText(text);
            assertEquals(text, r.next());
        }
        s.sendBinary(ByteBuffer.wrap(compressible.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ByteBuffer.wrap(compressible.getBytes(StandardCharsets.UTF_8)), r.next());
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void clientInitiatedClose(String peer, String scheme) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, scheme, "/echo", r, ConnectOptions.defaults());
        s.close(new CloseReason(4000, "done")).toCompletableFuture().get(15, TimeUnit.SECONDS);
        CloseReason reason = assertInstanceOf(CloseReason.class, r.next());
        assertEquals(4000, reason.code());
    }

    @ParameterizedTest(name = "{1} {0} server")
    @MethodSource("peers")
    void serverInitiatedClose(String peer, String scheme) throws Exception {
        Recorder r = new Recorder();
        connect(peer, scheme, "/close/4001", r, ConnectOptions.defaults());
        assertEquals(new CloseReason(4001, "bye"), r.next());
        Eventually.until(Duration.ofSeconds(5), () -> client.connectionCount() == 0,
                () -> "the server closed TCP and we let go; connections: " + client.connectionCount());
    }
}
