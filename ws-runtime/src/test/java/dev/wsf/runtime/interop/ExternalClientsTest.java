package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.config.TlsConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.JdkClient;
import dev.wsf.testkit.PeerProcess;
import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.KeyType;
import dev.wsf.testkit.tls.TestCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our server against clients we did not write: Python websockets, Node ws, headless Chromium and
 * the JDK's java.net.http.WebSocket, each running every scenario of interop/README.md, over
 * {@code ws://} and over {@code wss://}. Needs {@code bash .ci/install-test-deps}.
 *
 * <p>One server serves both: a plain listener and a TLS listener with a certificate for
 * localhost, 127.0.0.1 and ::1 from a test CA made for the run. Every client connects to
 * {@code wss://localhost:PORT} and trusts that CA and nothing else, given as a PEM file on its
 * command line ({@code --ca}): Python and Node verify the chain and the name as for any site, and
 * Chromium gets an NSS database that trusts the CA (see interop/README.md); the JDK client gets
 * an SSLContext trusting it.
 */
@Tag("interop")
class ExternalClientsTest {
    private static final List<String> SCENARIOS = List.of("text", "binary", "large", "fragmented", "ping",
            "subprotocol", "deflate", "close-client", "close-server");
    @TempDir
    static Path dir;
    private static CertificateAuthority ca;
    private static Path caPem;
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        ca = TestCertificates.newAuthority();
        caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        Credential.PemPaths pem = ca.issue().writePem(dir, "server");
        server = InteropEndpoints.start(TlsConfig.builder().pem(pem.certificates(), pem.privateKey()).build());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Stream<Arguments> peersAndScenarios() {
        return Stream.of("ws", "wss").flatMap(scheme -> Stream.of("python", "node", "chromium", "jdk")
                .flatMap(peer -> SCENARIOS.stream().map(scenario -> Arguments.of(scheme, peer, scenario))));
    }

    /** The other side of verification: told to trust another CA, each client refuses our server. */
    @ParameterizedTest(name = "wss {0} client refuses a server it does not trust")
    @ValueSource(strings = {"python", "node", "chromium", "jdk"})
    void untrustedServer(String peer) throws Exception {
        CertificateAuthority other = TestCertificates.newAuthority("another CA", KeyType.EC_P256);
        String url = "wss://localhost:" + server.localAddresses().get(1).getPort();
        if (peer.equals("jdk")) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> JdkClient.connect(URI.create(url + "/echo"), other.trustingOnly()).close());
            assertInstanceOf(SSLHandshakeException.class, e.getCause(), e::toString);
            return;
        }
        Path otherPem = other.writeCertificate(dir.resolve("other-ca.pem"));
        String[] a = {url, "text", "--timeout", "60", "--ca", otherPem.toString()};
        PeerProcess.Result result = PeerProcess.run(peer.equals("python") ? PeerProcess.python("ws_client.py", a)
                : PeerProcess.node(peer.equals("node") ? "client.mjs" : "chromium.mjs", a), 120);
        assertEquals(1, result.exitCode(), "the handshake must fail: " + result.lines());
        String why = String.join("\n", result.failures()).toLowerCase(Locale.ROOT);
        // Chromium's page sees only a failed connection (1006); its console says ERR_CERT_AUTHORITY_INVALID.
        assertTrue(why.contains(peer.equals("chromium") ? "1006" : "certificate"), result.lines()::toString);
    }

    @ParameterizedTest(name = "{0} {1} client: {2}")
    @MethodSource("peersAndScenarios")
    void scenario(String scheme, String peer, String scenario) throws Exception {
        boolean tls = scheme.equals("wss");
        String url = tls ? "wss://localhost:" + server.localAddresses().get(1).getPort()
                : "ws://127.0.0.1:" + server.port();
        if (peer.equals("jdk")) {
            new JdkClientScenarios(url, ca.trustingOnly()).run(scenario);
            return;
        }
        List<String> args = new ArrayList<>(List.of(url, scenario, "--timeout", peer.equals("chromium") ? "90" : "60"));
        if (tls) {
            args.addAll(List.of("--ca", caPem.toString()));
        }
        String[] a = args.toArray(String[]::new);
        List<String> command = switch (peer) {
            case "python" -> PeerProcess.python("ws_client.py", a);
            case "node" -> PeerProcess.node("client.mjs", a);
            default -> PeerProcess.node("chromium.mjs", a);
        };
        PeerProcess.Result result = PeerProcess.run(command, 120);
        if (peer.equals("chromium") && (scenario.equals("fragmented") || scenario.equals("ping"))) {
            assertEquals(3, result.exitCode(), "the browser API cannot express this: " + result.lines());
            return;
        }
        assertEquals(0, result.exitCode(), "failed steps: " + result.failures() + "\nlast: " + result.last());
        assertTrue(result.last().contains("\"done\":true") && result.last().contains("\"ok\":true"), result.last());
        if (tls && !peer.equals("chromium")) {
            assertTrue(result.lines().stream().anyMatch(l -> l.contains("\"info\":\"tls\"")
                    && l.contains("\"serverName\":\"localhost\"")),
                    "the client reports the TLS handshake it made, with SNI localhost: " + result.lines());
        }
    }
}
