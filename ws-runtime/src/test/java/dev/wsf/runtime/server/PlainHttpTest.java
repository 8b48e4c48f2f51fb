package dev.wsf.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.config.ConnectionLimits;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.http.HttpResponse;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain HTTP beside WebSocket on one connection, byte by byte: persistent connections, pipelined
 * requests, an upgrade after plain requests, methods, request content, and the DEBUG line every
 * refusal leaves. {@code frontdoor.PlainHttpOverSocketsTest} checks the same with curl and raw
 * sockets.
 */
class PlainHttpTest {
    private static final EndpointDefinition ECHO = EndpointDefinition
            .builder("/echo", r -> new RecordingHandler(true)).dispatch(Dispatch.IO_THREAD).build();
    private static final HttpHandler PAGES = request -> switch (request.path()) {
        case "/" -> Optional.of(HttpResponse.html("<p>hi</p>"));
        case "/app.js" -> Optional.of(HttpResponse.ok("text/javascript", "go()".getBytes(StandardCharsets.UTF_8)));
        case "/cached" -> Optional.of(new HttpResponse(304, "", new byte[0], Map.of("ETag", "\"v1\"")));
        default -> Optional.empty();
    };

    private static ServerHarness harness() {
        return harness(ServerConfig.builder());
    }

    private static ServerHarness harness(ServerConfig.Builder config) {
        return new ServerHarness(config.host("127.0.0.1").port(0).build(), PAGES, ECHO);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    /**
     * Every response written so far, split into head and body by their Content-Length; the
     * responses at {@code toHead} (0-based) answer HEAD requests, so they have no body.
     */
    private static List<String[]> responses(ServerHarness h, Integer... toHead) {
        String out = new String(h.transport.take(), StandardCharsets.ISO_8859_1);
        List<String[]> all = new java.util.ArrayList<>();
        while (!out.isEmpty()) {
            int end = out.indexOf("\r\n\r\n") + 4;
            String head = out.substring(0, end);
            Matcher m = Pattern.compile("Content-Length: (\\d+)\r\n").matcher(head);
            boolean bodiless = head.startsWith("HTTP/1.1 304") || List.of(toHead).contains(all.size());
            int length = m.find() && !bodiless ? Integer.parseInt(m.group(1)) : 0;
            all.add(new String[] {head, out.substring(end, end + length)});
            out = out.substring(end + length);
        }
        return all;
    }

    @Test
    void http11ConnectionsStayOpenAcrossRequests() {
        ServerHarness h = harness().send(ascii(get("/")));
        h.send(ascii(get("/app.js")));
        List<String[]> r = responses(h);
        assertEquals(2, r.size());
        assertTrue(r.get(0)[0].startsWith("HTTP/1.1 200 OK\r\n"), r.get(0)[0]);
        assertFalse(r.get(0)[0].contains("Connection:"), "persistent is HTTP/1.1's default: " + r.get(0)[0]);
        assertEquals("<p>hi</p>", r.get(0)[1]);
        assertEquals("go()", r.get(1)[1]);
        assertFalse(h.transport.outputShutdown);
        assertTrue(h.transport.open);
    }

    @Test
    void pipelinedRequestsInOneReadAreAnsweredInOrder() {
        ServerHarness h = harness().send(ascii(get("/app.js") + "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n" + get("/nope") + get("/")));
        List<String[]> r = responses(h, 1);
        assertEquals(4, r.size());
        assertEquals("go()", r.get(0)[1]);
        assertTrue(r.get(1)[0].startsWith("HTTP/1.1 200 OK") && r.get(1)[0].contains("Content-Length: 9\r\n"), r.get(1)[0]);
        assertTrue(r.get(2)[0].startsWith("HTTP/1.1 404 "), r.get(2)[0]);
        assertEquals("<p>hi</p>", r.get(3)[1]);
    }

    @Test
    void anUpgradeAfterPlainRequestsTurnsTheConnectionIntoAWebSocket() {
        ServerHarness h = harness().send(ascii(get("/") + get("/app.js")));
        assertEquals(2, responses(h).size());
        byte[] upgrade = UpgradeRequestBuilder.to("/echo").header("Connection", "keep-alive, Upgrade").bytes();
        h.send(RawFrame.concat(upgrade, RawFrame.text("hello").bytes()));
        assertEquals(101, h.status());
        assertEquals(List.of("TEXT hello"), h.frames());
    }

    @Test
    void theClientsConnectionCloseIsHonoured() {
        ServerHarness h = harness().send(ascii("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        String head = responses(h).get(0)[0];
        assertTrue(head.contains("Connection: close\r\n"), head);
        assertTrue(h.transport.outputShutdown);
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() {
        ServerHarness h = harness().send(ascii("GET / HTTP/1.0\r\n\r\n"));
        String[] r = responses(h).get(0);
        assertTrue(r[0].startsWith("HTTP/1.1 200 OK") && r[0].contains("Connection: close\r\n"), r[0]);
        assertEquals("<p>hi</p>", r[1]);
        assertTrue(h.transport.outputShutdown);

        ServerHarness kept = harness().send(ascii("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        assertTrue(responses(kept).get(0)[0].contains("Connection: keep-alive\r\n"));
        assertFalse(kept.transport.outputShutdown);
    }

    @Test
    void anUpgradeOverHttp10IsRefused() {
        assertEquals(505, harness().send(UpgradeRequestBuilder.to("/echo").requestLine("GET /echo HTTP/1.0").bytes()).status());
    }

    @Test
    void theHundredthRequestIsTheLast() {
        ServerHarness h = harness();
        for (int i = 1; i < PlainHttp.MAX_REQUESTS; i++) {
            h.send(ascii(get("/app.js")));
        }
        List<String[]> r = responses(h);
        assertEquals(PlainHttp.MAX_REQUESTS - 1, r.size());
        assertTrue(r.stream().noneMatch(x -> x[0].contains("Connection:")));
        assertFalse(h.transport.outputShutdown);
        h.send(ascii(get("/app.js")));
        String last = responses(h).get(0)[0];
        assertTrue(last.contains("Connection: close\r\n"), last);
        assertTrue(h.transport.outputShutdown);
    }

    @Test
    void anIdleConnectionClosesQuietlyAfterTheHandshakeTimeout() {
        ServerHarness h = harness(ServerConfig.builder().handshakeTimeout(Duration.ofMillis(200))).send(ascii(get("/")));
        responses(h);
        h.tick(Duration.ofMillis(100).toNanos());
        assertTrue(h.transport.open, "not idle long enough yet");
        h.tick(Duration.ofSeconds(1).toNanos());
        assertFalse(h.transport.open, "idle past the timeout");
        assertEquals(0, h.transport.take().length, "no 408 for a request that never started");
    }

    @Test
    void aSecondRequestThatStallsGets408() {
        ServerHarness h = harness(ServerConfig.builder().handshakeTimeout(Duration.ofMillis(200))).send(ascii(get("/")));
        responses(h);
        h.send(ascii("GET /app.js HTTP/1.1\r\nHo")).tick(Duration.ofSeconds(1).toNanos());
        assertTrue(responses(h).get(0)[0].startsWith("HTTP/1.1 408 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
    void otherMethodsGet405WithTheAllowedOnes(String method) {
        ServerHarness h = harness().send(ascii(method + " / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        String head = responses(h).get(0)[0];
        assertTrue(head.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), head);
        assertTrue(head.contains("Allow: GET, HEAD\r\n"), head);
        assertFalse(h.transport.outputShutdown, "nothing left unread, so the connection goes on");
        h.send(ascii(get("/app.js")));
        assertEquals("go()", responses(h).get(0)[1]);
    }

    @Test
    void aPostToAPathNoHandlerServesIs405Too() {
        String head = responses(harness().send(ascii("POST /anything HTTP/1.1\r\nHost: x\r\n\r\n"))).get(0)[0];
        assertTrue(head.startsWith("HTTP/1.1 405 ") && head.contains("Allow: GET, HEAD"), head);
    }

    @Test
    void withoutAHandlerOtherMethodsGet404() {
        ServerHarness h = new ServerHarness(ServerConfig.builder().host("127.0.0.1").port(0).build(), null, ECHO)
                .send(ascii("POST /x HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(404, h.status());
    }

    @Test
    void requestContentIsNeverReadAsTheNextRequest() {
        ServerHarness post = harness().send(ascii("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 22\r\n\r\n"
                + get("/app.js")));
        List<String[]> r = responses(post);
        assertEquals(1, r.size(), "what followed was the POST's content, not a request");
        assertTrue(r.get(0)[0].startsWith("HTTP/1.1 405 ") && r.get(0)[0].contains("Connection: close\r\n"), r.get(0)[0]);
        assertTrue(post.transport.outputShutdown);

        ServerHarness get = harness().send(ascii("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"));
        String head = responses(get).get(0)[0];
        assertTrue(head.startsWith("HTTP/1.1 413 Content Too Large") && head.contains("Connection: close"), head);
        ServerHarness chunked = harness().send(ascii("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        assertEquals(413, chunked.status());
        ServerHarness malformed = harness().send(ascii("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\n"));
        assertEquals(400, malformed.status());
    }

    @Test
    void a304HasNeitherBodyNorLengthAndKeepsTheConnection() {
        ServerHarness h = harness().send(ascii(get("/cached") + get("/app.js")));
        List<String[]> r = responses(h);
        assertTrue(r.get(0)[0].startsWith("HTTP/1.1 304 Not Modified\r\n"), r.get(0)[0]);
        assertFalse(r.get(0)[0].contains("Content-Length") || r.get(0)[0].contains("Content-Type"), r.get(0)[0]);
        assertEquals("go()", r.get(1)[1]);
    }

    @Test
    void everyRefusalIsLoggedAtDebugWithTheRequestAndTheReason() {
        try (LogCapture log = LogCapture.of(ServerHandshake.class).debug()) {
            harness().send(ascii(get("/nope")));
            harness().send(ascii("POST / HTTP/1.1\r\nHost: x\r\n\r\n"));
            harness().send(UpgradeRequestBuilder.to("/echo").without("Sec-WebSocket-Key").bytes());
            harness().send(UpgradeRequestBuilder.to("/echo").header("Sec-WebSocket-Version", "8").bytes());
            harness().send(UpgradeRequestBuilder.to("/echo").header("Origin", "http://evil.example").bytes());
            new ServerHarness(ServerConfig.builder().host("127.0.0.1").port(0)
                    .authenticator(r -> CompletableFuture.completedFuture(AuthResult.unauthorized("no token"))).build(),
                    null, ECHO).send(UpgradeRequestBuilder.to("/echo").bytes());
            List<String> debug = log.messages(Level.FINE);
            assertLogged(debug, "(GET /nope) with 404: nothing at /nope");
            assertLogged(debug, "(POST /) with 405: only GET and HEAD are served here");
            assertLogged(debug, "(GET /echo) with 400: Sec-WebSocket-Key");
            assertLogged(debug, "(GET /echo) with 426: only WebSocket version 13 is supported");
            assertLogged(debug, "(GET /echo) with 403: origin not allowed: http://evil.example");
            assertLogged(debug, "(GET /echo) with 401: no token");
        }
        try (LogCapture log = LogCapture.of(Refusal.class).debug()) {
            ServerContext busy = new ServerContext(ServerConfig.builder().host("127.0.0.1").port(0)
                    .limits(ConnectionLimits.builder().maxConnections(1).build()).build(), List.of(ECHO), null, Runnable::run);
            new ServerHarness(busy);
            new ServerHarness(busy);
            assertLogged(log.messages(Level.FINE), "with 503: "); // the reason is the limit reached
        }
    }

    private static void assertLogged(List<String> lines, String fragment) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("refusing ") && l.contains(fragment)),
                () -> "expected a line with\n  " + fragment + "\nin\n" + String.join("\n", lines));
    }
}
