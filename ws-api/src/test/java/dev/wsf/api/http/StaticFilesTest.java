package dev.wsf.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.extension.ExtensionConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StaticFiles} without a server: which paths it never serves, content types, conditional
 * requests, and class-path resources in a directory and in a jar. {@code
 * frontdoor.PlainHttpOverSocketsTest} in ws-runtime serves a directory to curl.
 */
class StaticFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../x", "/a/../x", "/%2e%2e/x", "/%2E%2e/x", "/.", "/./x", "/a/%2e/x",
        "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/a%00", "/a%0a", "/a%7f", "//a", "/a//b", "/.git/config",
        "/%2egit", "/a%zz", "/a%2", "/%c0%ae%c0%ae/x", "/%ff", "/c:/x", "/a:b", "relative"})
    void pathsThatAreNeverServed(String rawPath) {
        assertEquals(Optional.empty(), StaticFiles.segments(rawPath), rawPath);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "/ -> []",
        "/a/b.css -> [a, b.css]",
        "/docs/ -> [docs]",
        "/caf%C3%A9.html -> [café.html]",
        "/a%20b.txt -> [a b.txt]",
        "/a+b..js -> [a+b..js]"})
    void pathsThatAreDecodedIntoSegments(String rawPath, String segments) {
        assertEquals(segments, StaticFiles.segments(rawPath).orElseThrow().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "index.html -> text/html; charset=utf-8", "a.HTM -> text/html; charset=utf-8",
        "s.css -> text/css; charset=utf-8", "a.js -> text/javascript; charset=utf-8",
        "m.mjs -> text/javascript; charset=utf-8", "d.json -> application/json", "i.svg -> image/svg+xml",
        "p.png -> image/png", "p.jpg -> image/jpeg", "p.jpeg -> image/jpeg", "g.gif -> image/gif",
        "w.webp -> image/webp", "favicon.ico -> image/x-icon", "m.wasm -> application/wasm",
        "r.txt -> text/plain; charset=utf-8", "f.woff2 -> font/woff2", "archive.tar.gz -> application/octet-stream",
        "README -> application/octet-stream"})
    void contentTypesFollowTheExtension(String name, String type) {
        assertEquals(type, StaticFiles.contentType(name));
    }

    @Test
    void aDirectoryServesFilesWithTagsAndAnswers304() throws IOException {
        Files.writeString(dir.resolve("app.js"), "go()");
        Files.setLastModifiedTime(dir.resolve("app.js"), FileTime.from(Instant.parse("2026-01-02T03:04:05.678Z")));
        StaticFiles files = StaticFiles.fromDirectory(dir);
        HttpResponse ok = files.handle(Request.get("/app.js")).orElseThrow();
        assertEquals(200, ok.status());
        assertEquals("text/javascript; charset=utf-8", ok.contentType());
        assertEquals("go()", new String(ok.body(), StandardCharsets.UTF_8));
        assertEquals("Fri, 02 Jan 2026 03:04:05 GMT", ok.headers().get("Last-Modified"));
        assertEquals("no-cache", ok.headers().get("Cache-Control"));
        assertEquals("nosniff", ok.headers().get("X-Content-Type-Options"));
        String etag = ok.headers().get("ETag");
        assertTrue(etag.matches("\"[0-9a-f]+-[0-9a-f]+\""), etag);

        assertEquals(304, files.handle(Request.get("/app.js").with("If-None-Match", etag)).orElseThrow().status());
        assertEquals(304, files.handle(Request.get("/app.js").with("If-None-Match", "\"x\", W/" + etag)).orElseThrow().status());
        assertEquals(304, files.handle(Request.get("/app.js").with("If-None-Match", "*")).orElseThrow().status());
        assertEquals(200, files.handle(Request.get("/app.js").with("If-None-Match", "\"x\"")).orElseThrow().status());
        assertEquals(304, files.handle(Request.get("/app.js")
                .with("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT")).orElseThrow().status());
        assertEquals(200, files.handle(Request.get("/app.js")
                .with("If-Modified-Since", "Fri, 02 Jan 2026 03:04:04 GMT")).orElseThrow().status());
        assertEquals(200, files.handle(Request.get("/app.js").with("If-Modified-Since", "yesterday")).orElseThrow().status());
        assertEquals(200, files.handle(Request.get("/app.js").with("If-None-Match", "\"x\"")
                .with("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT")).orElseThrow().status(),
                "If-None-Match decides when present");

        Files.writeString(dir.resolve("app.js"), "go(2)");
        assertTrue(!etag.equals(files.handle(Request.get("/app.js")).orElseThrow().headers().get("ETag")),
                "a changed file has a new tag");
    }

    @Test
    void theLimitsAndCacheControlCanBeChanged() throws IOException {
        Files.writeString(dir.resolve("big.txt"), "0123456789");
        assertEquals(Optional.empty(), StaticFiles.fromDirectory(dir).withMaxFileSize(9).handle(Request.get("/big.txt")));
        HttpResponse r = StaticFiles.fromDirectory(dir).withCacheControl("max-age=60").handle(Request.get("/big.txt"))
                .orElseThrow();
        assertEquals("max-age=60", r.headers().get("Cache-Control"));
        assertTrue(StaticFiles.fromDirectory(dir).withCacheControl("").handle(Request.get("/big.txt")).orElseThrow()
                .headers().get("Cache-Control") == null);
    }

    @Test
    void otherMethodsAreLeftToTheServer() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "a");
        assertEquals(Optional.empty(), StaticFiles.fromDirectory(dir).handle(new Request("POST", "/a.txt")));
        assertEquals(200, StaticFiles.fromDirectory(dir).handle(new Request("HEAD", "/a.txt")).orElseThrow().status());
    }

    @Test
    void aMissingRootOrTheWholeClassPathIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.fromDirectory(dir.resolve("nope")));
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.fromClasspath("/"));
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.fromClasspath(""));
    }

    @Test
    void classPathResourcesInAJarAreServedAndKeptInMemory() throws IOException {
        Path jar = dir.resolve("site.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "web/", null);
            entry(out, "web/index.html", "<h1>jar</h1>");
            entry(out, "web/docs/", null);
            entry(out, "web/docs/index.html", "<p>docs</p>");
            entry(out, "secret.properties", "password=x");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            StaticFiles files = StaticFiles.fromClasspath("/web/", loader);
            HttpResponse home = files.handle(Request.get("/")).orElseThrow();
            assertEquals("<h1>jar</h1>", new String(home.body(), StandardCharsets.UTF_8));
            String etag = home.headers().get("ETag");
            assertEquals(304, files.handle(Request.get("/index.html").with("If-None-Match", etag)).orElseThrow().status());
            assertArrayEquals(home.body(), files.handle(Request.get("/index.html")).orElseThrow().body());
            HttpResponse redirect = files.handle(Request.get("/docs")).orElseThrow();
            assertEquals(301, redirect.status());
            assertEquals("/docs/", redirect.headers().get("Location"));
            assertEquals("<p>docs</p>", new String(files.handle(Request.get("/docs/")).orElseThrow().body(),
                    StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), files.handle(Request.get("/../secret.properties")));
            assertEquals(Optional.empty(), files.handle(Request.get("/nothing")));
        }
    }

    @Test
    void classPathResourcesInADirectoryAreReadEachTime() throws IOException {
        Path web = Files.createDirectories(dir.resolve("classes/web"));
        Files.writeString(web.resolve("a.css"), "a{}");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            StaticFiles files = StaticFiles.fromClasspath("web", loader);
            assertEquals("a{}", new String(files.handle(Request.get("/a.css")).orElseThrow().body(), StandardCharsets.UTF_8));
            Files.writeString(web.resolve("a.css"), "b{}");
            assertEquals("b{}", new String(files.handle(Request.get("/a.css")).orElseThrow().body(), StandardCharsets.UTF_8),
                    "a development build's edits show at once");
            assertEquals(Optional.empty(), files.handle(Request.get("/")), "a directory without an index");
        }
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }

    /** A request with a method, a raw path and the headers a test adds. */
    private static final class Request implements HandshakeRequest {
        private final String method;
        private final String path;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        static Request get(String path) {
            return new Request("GET", path);
        }

        Request with(String name, String value) {
            headers.put(name, List.of(value));
            return this;
        }

        public String method() {
            return method;
        }

        public URI requestUri() {
            return URI.create("ws://localhost" + path);
        }

        public String path() {
            return path;
        }

        public Map<String, String> pathParameters() {
            return Map.of();
        }

        public Map<String, List<String>> queryParameters() {
            return Map.of();
        }

        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public Map<String, List<String>> headers() {
            return headers;
        }

        public List<String> subprotocols() {
            return List.of();
        }

        public List<ExtensionConfig> extensions() {
            return List.of();
        }

        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(0);
        }
    }
}
