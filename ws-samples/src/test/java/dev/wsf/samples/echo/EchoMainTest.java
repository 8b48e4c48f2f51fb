package dev.wsf.samples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.samples.testing.Trusting;
import dev.wsf.testkit.JdkClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract the end-to-end benchmark relies on: started as its own JVM through
 * the launcher with {@code -Dport=0}, the echo sample prints {@code READY <port>} once it listens
 * there, and serves on that port. With {@code -Dtls=true} it serves {@code wss://} there instead,
 * with a throwaway certificate whose file it names.
 */
class EchoMainTest {
    @TempDir
    Path tmp;

    @Test
    void printsReadyWithThePortItListensOn() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dport=0",
                "-Dhost=127.0.0.1", "dev.wsf.samples.Samples", "echo")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> lines = new ArrayList<>();
            String ready = CompletableFuture.supplyAsync(() -> readUntilReady(process, lines))
                    .get(30, TimeUnit.SECONDS);
            int port = Integer.parseInt(ready.substring("READY ".length()));
            assertTrue(port > 0, ready);
            assertTrue(lines.get(0).contains("ws://127.0.0.1:" + port + "/echo"), lines.toString());
            try (JdkClient client = JdkClient.connect("ws://127.0.0.1:" + port + "/echo")) {
                client.send("ready?");
                assertEquals("ready?", client.nextText());
            }
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook stops the server
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void withTlsServesWssWithAThrowawayCertificateItNamesAndDeletesAtTheEnd() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Its own temp dir, so that the certificate it writes is easy to find and to see go.
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dport=0",
                "-Dhost=127.0.0.1", "-Dtls=true", "-Djava.io.tmpdir=" + tmp, "dev.wsf.samples.Samples", "echo")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path certificate;
        try {
            List<String> lines = new ArrayList<>();
            String ready = CompletableFuture.supplyAsync(() -> readUntilReady(process, lines))
                    .get(30, TimeUnit.SECONDS);
            int port = Integer.parseInt(ready.substring("READY ".length()));
            try (Stream<Path> files = Files.find(tmp, 2, (f, a) -> f.getFileName().toString().equals("localhost.crt"))) {
                certificate = files.findFirst().orElseThrow(() -> new AssertionError("no certificate in " + tmp));
            }
            String log = String.join("\n", lines);
            assertTrue(log.contains("TLS: generated a throwaway self-signed certificate at start for localhost, 127.0.0.1"
                    + " and ::1, valid 30 days"), log);
            assertTrue(log.contains("TLS: certificate " + certificate + ", key "), log);
            assertTrue(log.contains("Echo: wss://127.0.0.1:" + port + "/echo"), log);
            assertTrue(log.contains("SSL_CERT_FILE=" + certificate + " python3 -m websockets wss://127.0.0.1:" + port
                    + "/echo"), log);
            assertTrue(log.contains("curl --cacert " + certificate + " https://127.0.0.1:" + port + "/"), log);

            // The JDK's client trusting that file alone, host names verified: by IP and by name.
            HttpClient trusting = Trusting.httpClient(certificate);
            for (String host : List.of("127.0.0.1", "localhost")) {
                try (JdkClient client = JdkClient.connect(URI.create("wss://" + host + ":" + port + "/echo"),
                        trusting.newWebSocketBuilder())) {
                    client.send("over TLS to " + host);
                    assertEquals("over TLS to " + host, client.nextText());
                }
            }
            // Trusting only the JDK's CAs, the same client refuses it.
            CompletionException refused = assertThrows(CompletionException.class, () -> JdkClient.connect(
                    URI.create("wss://127.0.0.1:" + port + "/echo"), HttpClient.newHttpClient().newWebSocketBuilder()));
            assertInstanceOf(SSLHandshakeException.class, refused.getCause(), refused.toString());
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook stops the server
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertFalse(Files.exists(certificate.getParent()), "the throwaway certificate and key are deleted at exit");
    }

    private static String readUntilReady(Process process, List<String> lines) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return line;
                }
                lines.add(line);
            }
            throw new AssertionError("the sample ended without READY: " + lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
