package dev.wsf.runtime.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.http.StaticFiles;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.FrameRecorder;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain HTTP beside WebSocket on a real server, seen by clients we did not write: curl (whose
 * {@code -v} output says when it reuses a connection) and the JDK's HttpClient, plus a raw socket
 * for what those clients do not do on purpose (two requests in one write, then an upgrade on the
 * same connection). Static files come from a directory with a symbolic link out of it.
 */
@Timeout(60)
class PlainHttpOverSocketsTest {
    @TempDir
    static Path dir;
    private static Path root;
    private static WebSocketServer server;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createDirectories(dir.resolve("www"));
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("app.js"), "connect()");
        Files.writeString(root.resolve("style.css"), "h1{}");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<p>docs</p>");
        Files.writeString(root.resolve(".env"), "TOKEN=secret");
        Files.writeString(dir.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), dir);
        Files.createSymbolicLink(root.resolve("alias.js"), root.resolve("app.js"));
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> new RecordingHandler(true))
                .dispatch(Dispatch.IO_THREAD).build();
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build())
                .endpoint(echo)
                .httpHandler(StaticFiles.fromDirectory(root))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Runs curl, which we end ourselves if it hangs; its stdout and stderr together. */
    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "curl is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish: " + out);
        }
        return out;
    }

    @Test
    void curlReusesOneConnectionForSeveralFiles() throws Exception {
        String out = curl("-v", url("/app.js"), url("/style.css"), url("/"));
        assertTrue(out.contains("connect()") && out.contains("h1{}") && out.contains("<h1>home</h1>"), out);
        assertTrue(Pattern.compile("Re-?using existing connection", Pattern.CASE_INSENSITIVE).matcher(out).find(), out);
        assertTrue(out.contains("(#0)") && !out.contains("(#1)"), "one connection for the three files:\n" + out);
        assertTrue(out.contains("< Content-Type: text/javascript; charset=utf-8"), out);
        assertTrue(out.contains("< Content-Type: text/css; charset=utf-8"), out);
        assertTrue(out.contains("< Content-Type: text/html; charset=utf-8"), out);
        assertTrue(out.contains("< ETag: \"") && out.contains("< Last-Modified: "), out);
    }

    @Test
    void headHasTheHeadersButNoBody() throws Exception {
        String out = curl("-I", url("/app.js"));
        assertTrue(out.startsWith("HTTP/1.1 200 OK"), out);
        assertTrue(out.contains("Content-Length: 9"), out);
        assertTrue(!out.contains("connect()"), out);
    }

    @Test
    void postGets405WithTheAllowedMethods() throws Exception {
        String out = curl("-i", "-X", "POST", "--data", "x=1", url("/app.js"));
        assertTrue(out.startsWith("HTTP/1.1 405 Method Not Allowed"), out);
        assertTrue(out.contains("Allow: GET, HEAD"), out);
        assertTrue(out.contains("Connection: close"), "content was announced and not read: " + out);
    }

    @Test
    void conditionalRequestsGet304() throws Exception {
        String head = curl("-sI", url("/app.js"));
        Matcher etag = Pattern.compile("ETag: (\"[^\"]+\")").matcher(head);
        Matcher modified = Pattern.compile("Last-Modified: ([^\r\n]+)").matcher(head);
        assertTrue(etag.find() && modified.find(), head);
        String byTag = curl("-i", "-H", "If-None-Match: " + etag.group(1), url("/app.js"));
        assertTrue(byTag.startsWith("HTTP/1.1 304 Not Modified"), byTag);
        assertTrue(!byTag.contains("connect()") && !byTag.contains("Content-Length"), byTag);
        String byDate = curl("-i", "-H", "If-Modified-Since: " + modified.group(1), url("/app.js"));
        assertTrue(byDate.startsWith("HTTP/1.1 304"), byDate);
        String otherTag = curl("-i", "-H", "If-None-Match: \"other\"", url("/app.js"));
        assertTrue(otherTag.startsWith("HTTP/1.1 200") && otherTag.contains("connect()"), otherTag);
    }

    @Test
    void aDirectoryIsRedirectedToItsSlashAndServesItsIndex() throws Exception {
        String redirect = curl("-i", url("/docs"));
        assertTrue(redirect.startsWith("HTTP/1.1 301") && redirect.contains("Location: /docs/"), redirect);
        assertTrue(curl(url("/docs/")).contains("<p>docs</p>"));
        assertTrue(curl("-L", url("/docs")).contains("<p>docs</p>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/docs/..%2f..%2fsecret.txt",
        "/..%5csecret.txt", "/docs%5c..%5c..%5csecret.txt", "/app.js%00.html", "/escape.txt", "/outside/secret.txt",
        "/.env", "/%2eenv", "//app.js", "/./app.js", "/nothing.js", "/%zz", "/%c0%ae%c0%ae/secret.txt"})
    void nothingOutsideTheRootAndNoHiddenFileIsServedAndEveryRefusalIsA404(String path) throws Exception {
        String out = curl("-i", "--path-as-is", url(path));
        assertTrue(out.startsWith("HTTP/1.1 404 Not Found"), path + " -> " + out);
        assertTrue(!out.contains("outside the root") && !out.contains("TOKEN"), out);
    }

    @Test
    void aSymbolicLinkInsideTheRootIsFollowed() throws Exception {
        assertEquals("connect()", curl(url("/alias.js")));
    }

    @Test
    void theJdkClientGetsFilesOverOneConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("/app.js", "/style.css", "/app.js")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Connection").isEmpty(), r.headers().toString());
        }
    }

    @Test
    void twoRequestsInOneWriteThenAnUpgradeOnTheSameConnection() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.write(("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\nGET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String first = c.readHead();
            assertTrue(first.startsWith("HTTP/1.1 200 OK") && !first.contains("Connection: close"), first);
            assertEquals("connect()", new String(c.readExactly(9), StandardCharsets.UTF_8));
            String second = c.readHead();
            assertTrue(second.contains("Content-Type: text/css"), second);
            assertEquals("h1{}", new String(c.readExactly(4), StandardCharsets.UTF_8));
            c.write(UpgradeRequestBuilder.to("/echo").header("Connection", "keep-alive, Upgrade").bytes());
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            c.write(RawFrame.concat(RawFrame.text("over the same connection").bytes(),
                    RawFrame.of(0x8).payload(new byte[] {0x03, (byte) 0xe8}).bytes()));
            List<String> frames = FrameRecorder.parse(c.readUntilClosed());
            assertEquals("TEXT over the same connection", frames.get(0), frames.toString());
        }
    }
}
