package dev.wsf.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.DeploymentException;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.config.OriginPolicy;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.http.HttpResponse;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerHandshakeTest {
    private static final EndpointDefinition ECHO = EndpointDefinition
            .builder("/echo", r -> new RecordingHandler(true)).dispatch(dev.wsf.api.endpoint.Dispatch.IO_THREAD).build();

    private static ServerHarness harness() {
        return new ServerHarness(ECHO);
    }

    private static ServerHarness harness(ServerConfig.Builder config, EndpointDefinition... endpoints) {
        return new ServerHarness(config.host("127.0.0.1").port(0).build(), null, endpoints);
    }

    @Test
    void acceptsTheRfcExampleDeliveredOneByteAtATime() {
        ServerHarness h = harness().sendByteByByte(UpgradeRequestBuilder.to("/echo").bytes());
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
        assertTrue(head.contains("Upgrade: websocket\r\n"), head);
        assertTrue(head.contains("Connection: Upgrade\r\n"), head);
        assertTrue(head.contains("Sec-WebSocket-Accept: " + UpgradeRequestBuilder.ACCEPT + "\r\n"), head);
        assertFalse(head.contains("Sec-WebSocket-Protocol"), "no subprotocol was chosen: " + head);
        assertFalse(head.contains("Sec-WebSocket-Extensions"), head);
    }

    @Test
    void framesSentRightBehindTheRequestAreProcessed() {
        byte[] request = UpgradeRequestBuilder.to("/echo").bytes();
        byte[] both = RawFrame.concat(request, RawFrame.text("early").bytes());
        ServerHarness h = harness().send(both);
        assertEquals(101, h.status());
        assertEquals(List.of("TEXT early"), h.frames());
    }

    @Test
    void toleratesCaseAndListsInUpgradeAndConnection() {
        ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo")
                .header("Upgrade", "WebSocket").header("Connection", "keep-alive, Upgrade").bytes());
        assertEquals(101, h.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "12", "14", "13, 8", ""})
    void otherVersionsGet426WithTheSupportedVersion(String version) {
        ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo").header("Sec-WebSocket-Version", version).bytes());
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 426 Upgrade Required"), head);
        assertTrue(head.contains("Sec-WebSocket-Version: 13\r\n"), head);
        assertTrue(h.transport.outputShutdown, "the connection ends after a refusal");
    }

    @Test
    void missingVersionGets426() {
        assertEquals(426, harness().send(UpgradeRequestBuilder.to("/echo").without("Sec-WebSocket-Version").bytes()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25j", "AAAAAAAAAAAAAAAAAAAAAAA=", "!!!!!!!!!!!!!!!!!!!!!!=="})
    void invalidKeysGet400(String key) {
        ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo").header("Sec-WebSocket-Key", key).bytes());
        assertEquals(400, h.status());
        assertTrue(h.rest().contains("Sec-WebSocket-Key"));
    }

    @Test
    void missingKeyGets400() {
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").without("Sec-WebSocket-Key").bytes()).status());
    }

    @Test
    void twoKeysGet400() {
        byte[] request = new String(UpgradeRequestBuilder.to("/echo").bytes())
                .replace("\r\n\r\n", "\r\nSec-WebSocket-Key: " + UpgradeRequestBuilder.KEY + "\r\n\r\n").getBytes();
        assertEquals(400, harness().send(request).status());
    }

    @Test
    void missingUpgradeTokenGets400OnAWebSocketPath() {
        ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo").without("Upgrade").bytes());
        assertEquals(400, h.status());
        assertTrue(h.rest().contains("Upgrade: websocket"));
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").header("Upgrade", "h2c").bytes()).status());
    }

    @Test
    void missingConnectionTokenGets400() {
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").without("Connection").bytes()).status());
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").header("Connection", "keep-alive").bytes()).status());
    }

    @Test
    void missingHostGets400() {
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").without("Host").bytes()).status());
    }

    @Test
    void unknownPathGets404() {
        assertEquals(404, harness().send(UpgradeRequestBuilder.to("/nope").bytes()).status());
        assertEquals(404, harness().send(UpgradeRequestBuilder.to("/nope").without("Upgrade").bytes()).status());
    }

    @Test
    void otherMethodsGet405() {
        ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo").requestLine("POST /echo HTTP/1.1").bytes());
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 405"), head);
        assertTrue(head.contains("Allow: GET"), head);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /echo", "GET  /echo HTTP/1.1", "GET /echo HTTP/1.1 extra", "G(T /echo HTTP/1.1", "GET echo HTTP/1.1"})
    void malformedRequestLinesGet400(String line) {
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").requestLine(line).bytes()).status());
    }

    @Test
    void oldHttpVersionsAreRefused() {
        assertEquals(505, harness().send(UpgradeRequestBuilder.to("/echo").requestLine("GET /echo HTTP/1.0").bytes()).status());
    }

    @Test
    void absoluteFormTargetsAreAccepted() {
        ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo")
                .requestLine("GET http://127.0.0.1:8080/echo HTTP/1.1").bytes());
        assertEquals(101, h.status());
    }

    @Test
    void malformedHeaderLinesGet400() {
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo").header("Bad Name", "x").bytes()).status());
        byte[] folded = new String(UpgradeRequestBuilder.to("/echo").bytes())
                .replace("Upgrade: websocket\r\n", "Upgrade: websocket\r\n  folded\r\n").getBytes();
        assertEquals(400, harness().send(folded).status());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f})
    void controlCharactersInHeaderValuesGet400WithoutBeingEchoed(int control) {
        // RFC 9110 section 5.5: a field value is visible characters, SP and HTAB only
        String c = String.valueOf((char) control);
        for (String value : List.of("a" + c + "b", c + "ab", "ab" + c)) {
            ServerHarness h = harness().send(UpgradeRequestBuilder.to("/echo").header("X-Note", value).bytes());
            assertEquals(400, h.status(), "value " + value.chars().boxed().toList());
            assertPrintable(h.rest());
        }
    }

    @Test
    void controlCharactersInFieldNamesAndTheRequestLineGet400WithoutBeingEchoed() {
        for (char c : new char[] {0x00, 0x01, 0x1f, 0x7f}) {
            ServerHarness name = harness().send(UpgradeRequestBuilder.to("/echo").header("X-" + c + "Note", "v").bytes());
            assertEquals(400, name.status());
            assertPrintable(name.rest());
            ServerHarness target = harness().send(UpgradeRequestBuilder.to("/echo").requestLine("GET /ec" + c + "ho HTTP/1.1").bytes());
            assertEquals(400, target.status());
            assertPrintable(target.rest());
            ServerHarness version = harness().send(UpgradeRequestBuilder.to("/echo").requestLine("GET /echo HTTP/1.1" + c).bytes());
            assertEquals(400, version.status());
            assertPrintable(version.rest());
        }
    }

    @Test
    void tabsInsideHeaderValuesAreKeptAndAroundThemTrimmed() {
        RecordingHandler handler = new RecordingHandler(false);
        EndpointDefinition endpoint = EndpointDefinition.builder("/echo", r -> handler).build();
        ServerHarness h = harness(ServerConfig.builder(), endpoint)
                .send(UpgradeRequestBuilder.to("/echo").header("X-Note", "\t a\tb \t").bytes());
        assertEquals(101, h.status());
        assertEquals("a\tb", handler.session.handshakeRequest().header("X-Note").orElseThrow());
    }

    /** An error body quotes nothing of the request that a terminal or log would act on. */
    private static void assertPrintable(String body) {
        assertTrue(body.endsWith("\n"), body);
        String text = body.substring(0, body.length() - 1);
        assertTrue(text.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f), "control character in " + text);
    }

    @Test
    void aTlsClientHelloOnThePlainPortGets400AtOnce() {
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        ServerHarness h = harness().send(clientHello); // no tick: no waiting for the 408
        assertEquals(400, h.status());
        assertTrue(h.transport.outputShutdown, "the connection ends after a refusal");
        String body = h.rest();
        assertPrintable(body);
        assertTrue(body.contains("TLS"), body);
    }

    @Test
    void linesEndedByBareCrGet400AtOnce() {
        byte[] request = "GET /echo HTTP/1.1\rHost: x\rUpgrade: websocket\r\r".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(400, harness().send(request).status());
        ServerHarness slow = harness().sendByteByByte(Arrays.copyOf(request, 20)); // up to the H after the first CR
        assertEquals(400, slow.status());
    }

    @Test
    void aStartLineThatCannotBeARequestGets400AtOnce() {
        assertEquals(400, harness().send("HTTP/1.1 200 OK".getBytes(StandardCharsets.ISO_8859_1)).status());
        assertEquals(400, harness().sendByteByByte("SSH-2.0-OpenSSH_9.6\r".getBytes(StandardCharsets.ISO_8859_1)).status());
        assertEquals(400, harness().send("GET /echo\u0000".getBytes(StandardCharsets.ISO_8859_1)).status());
    }

    @Test
    void oversizedHeadersGet431AndLongRequestLines414() {
        ServerHarness big = harness(ServerConfig.builder().maxHandshakeSize(512), ECHO);
        assertEquals(431, big.send(UpgradeRequestBuilder.to("/echo").header("X-Big", "y".repeat(600)).bytes()).status());
        ServerHarness longLine = harness(ServerConfig.builder().maxHandshakeSize(512), ECHO);
        assertEquals(414, longLine.send(UpgradeRequestBuilder.to("/echo?" + "q".repeat(600)).bytes()).status());
    }

    @Test
    void slowClientsGet408AndAreClosed() {
        ServerHarness h = harness(ServerConfig.builder().handshakeTimeout(Duration.ofMillis(200)), ECHO);
        h.send("GET /echo HTTP/1.1\r\nHost: x\r\n".getBytes());
        h.tick(Duration.ofMillis(100).toNanos());
        assertTrue(h.transport.written.size() == 0, "not yet");
        h.tick(Duration.ofMillis(300).toNanos());
        assertEquals(408, h.status());
        h.tick(Duration.ofSeconds(60).toNanos());
        assertFalse(h.transport.open, "closed after lingering");
    }

    @Test
    void crossOriginBrowsersGet403ByDefault() {
        ServerHarness foreign = harness().send(UpgradeRequestBuilder.to("/echo").header("Origin", "http://evil.example").bytes());
        assertEquals(403, foreign.status());
        ServerHarness same = harness().send(UpgradeRequestBuilder.to("/echo").header("Origin", "http://127.0.0.1:8080").bytes());
        assertEquals(101, same.status());
        ServerHarness any = harness(ServerConfig.builder().originPolicy(OriginPolicy.any()), ECHO)
                .send(UpgradeRequestBuilder.to("/echo").header("Origin", "http://evil.example").bytes());
        assertEquals(101, any.status());
    }

    @Test
    void subprotocolIsTheFirstOfTheClientsOffersTheEndpointSpeaks() {
        EndpointDefinition chat = EndpointDefinition.builder("/chat", r -> new RecordingHandler(false))
                .subprotocols("chat.v2", "chat.v1").build();
        assertEquals("chat.v1", protocolOf(harness(ServerConfig.builder(), chat)
                .send(UpgradeRequestBuilder.to("/chat").header("Sec-WebSocket-Protocol", "unknown, chat.v1, chat.v2").bytes())));
        assertEquals("chat.v2", protocolOf(harness(ServerConfig.builder(), chat)
                .send(UpgradeRequestBuilder.to("/chat").header("Sec-WebSocket-Protocol", "chat.v2").bytes())));
        assertEquals(null, protocolOf(harness(ServerConfig.builder(), chat)
                .send(UpgradeRequestBuilder.to("/chat").header("Sec-WebSocket-Protocol", "mqtt").bytes())));
        assertEquals(null, protocolOf(harness(ServerConfig.builder(), chat).send(UpgradeRequestBuilder.to("/chat").bytes())));
    }

    @Test
    void subprotocolSelectorHook() {
        EndpointDefinition preferOwnOrder = EndpointDefinition.builder("/chat", r -> new RecordingHandler(false))
                .subprotocols("chat.v2", "chat.v1")
                .subprotocolSelector((offered, supported, request) -> supported.stream().filter(offered::contains).findFirst())
                .build();
        assertEquals("chat.v2", protocolOf(harness(ServerConfig.builder(), preferOwnOrder)
                .send(UpgradeRequestBuilder.to("/chat").header("Sec-WebSocket-Protocol", "chat.v1, chat.v2").bytes())));
        EndpointDefinition broken = EndpointDefinition.builder("/chat", r -> new RecordingHandler(false))
                .subprotocolSelector((offered, supported, request) -> Optional.of("never-offered")).build();
        assertEquals(500, harness(ServerConfig.builder(), broken).send(UpgradeRequestBuilder.to("/chat").bytes()).status());
    }

    private static String protocolOf(ServerHarness h) {
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return head.lines().filter(l -> l.startsWith("Sec-WebSocket-Protocol: "))
                .map(l -> l.substring("Sec-WebSocket-Protocol: ".length())).findFirst().orElse(null);
    }

    @Test
    void malformedExtensionOffersGet400() {
        assertEquals(400, harness().send(UpgradeRequestBuilder.to("/echo")
                .header("Sec-WebSocket-Extensions", "permessage-deflate; =x").bytes()).status());
    }

    @Test
    void interceptorCanRejectOrAddHeaders() {
        EndpointDefinition guarded = EndpointDefinition.builder("/secure", r -> new RecordingHandler(false))
                .handshakeInterceptor((request, headers) -> {
                    if (request.header("Authorization").isEmpty()) {
                        throw new HandshakeRejectedException(401, "log in first");
                    }
                    headers.add("Set-Cookie", "session=1");
                }).build();
        ServerHarness refused = harness(ServerConfig.builder(), guarded).send(UpgradeRequestBuilder.to("/secure").bytes());
        assertEquals(401, refused.status());
        assertTrue(refused.rest().contains("log in first"));
        ServerHarness accepted = harness(ServerConfig.builder(), guarded)
                .send(UpgradeRequestBuilder.to("/secure").header("Authorization", "Bearer x").bytes());
        assertTrue(accepted.responseHead().contains("Set-Cookie: session=1\r\n"));
    }

    @Test
    void plainHttpRequestsGoToTheHttpHandler() {
        ServerHarness h = new ServerHarness(ServerConfig.builder().port(0).build(),
                request -> request.path().equals("/") ? Optional.of(HttpResponse.html("<p>hi</p>")) : Optional.empty(), ECHO);
        h.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
        assertTrue(head.contains("Content-Type: text/html; charset=utf-8"), head);
        assertEquals("<p>hi</p>", h.rest());

        ServerHarness missing = new ServerHarness(ServerConfig.builder().port(0).build(), request -> Optional.empty(), ECHO);
        assertEquals(404, missing.send("GET /x.png HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()).status());
    }

    @Test
    void refusalsOfHeadRequestsHaveHeadersButNoBody() {
        // RFC 9110 section 9.3.2: whatever the status, a response to HEAD ends with its head
        assertHeadOnly(405, harness().send(UpgradeRequestBuilder.to("/echo").requestLine("HEAD /echo HTTP/1.1").bytes()));
        // a plain request refused is answered on a connection that stays open for the next one
        assertHeadOnly(405, harness().send(UpgradeRequestBuilder.to("/echo").without("Upgrade")
                .requestLine("HEAD /echo HTTP/1.1").bytes()), false);
        assertHeadOnly(404, harness().send(ascii("HEAD /nope HTTP/1.1\r\nHost: x\r\n\r\n")), false);
        assertHeadOnly(400, harness().send(ascii("HEAD /echo HTTP/1.1\r\nBad Name: x\r\n\r\n")));
        assertHeadOnly(400, harness().send(ascii("HEAD /echo HTTP/1.1\r\nX: a\u0000b\r\n\r\n")));
        assertHeadOnly(400, harness().send(ascii("HEAD /echo HTTP/1.1 extra\r\n\r\n")));
        assertHeadOnly(400, harness().sendByteByByte(ascii("HEAD /echo HTTP/1.1\rX")));
        assertHeadOnly(505, harness().send(ascii("HEAD /echo HTTP/2.0\r\n\r\n")));
        ServerConfig.Builder small = ServerConfig.builder().maxHandshakeSize(512);
        assertHeadOnly(414, harness(small, ECHO).send(ascii("HEAD /" + "a".repeat(600) + " HTTP/1.1\r\n\r\n")));
        assertHeadOnly(431, harness(small, ECHO).send(ascii("HEAD / HTTP/1.1\r\nX: " + "a".repeat(600) + "\r\n\r\n")));
        ServerHarness slow = harness(ServerConfig.builder().handshakeTimeout(Duration.ofMillis(200)), ECHO)
                .send(ascii("HEAD /echo HTTP/1.1\r\nHost: x\r\n")).tick(Duration.ofSeconds(1).toNanos());
        assertHeadOnly(408, slow);
        ServerHarness failing = new ServerHarness(ServerConfig.builder().port(0).build(), request -> {
            throw new IllegalStateException("bug");
        }, ECHO).send(ascii("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertHeadOnly(500, failing);
    }

    @Test
    void aHeadRefusalAnnouncesTheLengthOfTheBodyGetWouldHaveHad() {
        ServerHarness get = harness().send(ascii("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"));
        String getHead = get.responseHead();
        int getBody = get.rest().length();
        String head = harness().send(ascii("HEAD /nope HTTP/1.1\r\nHost: x\r\n\r\n")).responseHead();
        assertTrue(getHead.contains("Content-Length: " + getBody + "\r\n"), getHead);
        assertTrue(head.contains("Content-Length: " + getBody + "\r\n"), head);
    }

    @Test
    void headRequestsToTheHttpHandlerGetTheHeadOfItsAnswer() {
        ServerHarness h = new ServerHarness(ServerConfig.builder().port(0).build(),
                request -> Optional.of(HttpResponse.html("<p>hi</p>")), ECHO);
        String head = h.send(ascii("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")).responseHead();
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.contains("Content-Length: 9\r\n"), head);
        assertEquals("", h.rest());
    }

    private static void assertHeadOnly(int status, ServerHarness h) {
        assertHeadOnly(status, h, true);
    }

    private static void assertHeadOnly(int status, ServerHarness h, boolean closes) {
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 " + status + " "), head);
        assertTrue(head.contains("Content-Type: text/plain"), head);
        assertEquals("", h.rest(), "a response to HEAD has no body; head was " + head);
        assertEquals(closes, h.transport.outputShutdown, closes ? "the connection ends after this refusal"
                : "the connection stays open after this refusal");
        assertEquals(closes, head.contains("Connection: close\r\n"), head);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '\'', value = {
        "/a|b -> /a%7Cb",
        "/{}^\"`<>\\ -> /%7B%7D%5E%22%60%3C%3E%5C",
        "/[v6] -> /%5Bv6%5D",
        "/kept%20as%2Fsent -> /kept%20as%2Fsent",
        "/50% -> /50%25",
        "/50%zz%e -> /50%25zz%25e",
        "/-._~!$&()*+,;=:@/ -> /-._~!$&()*+,;=:@/",
        "/p?q=a|b&r={x}&s=%41&t=/?:@ -> /p?q=a%7Cb&r=%7Bx%7D&s=%41&t=/?:@",
        "/p?%%|%7c -> /p?%25%25%7C%7c"})
    void requestUriPercentEncodesWhatTheParserAcceptedButUriRefuses(String target, String expected) {
        // the parser accepts any visible ASCII in a target; java.net.URI refuses some of it
        assertEquals("ws://x" + expected, requestUriOf(target, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example/x", "a@b", "x?y", "x#y", "", "host:port", "a b", "h%zz", "[::1", "my_host"})
    void requestUriFallsBackToLocalhostForAHostThatIsNoHost(String host) {
        // a Host value with '/', '?' or '@' must not move into the path, query or user info
        assertEquals("ws://localhost/a%7Cb?q", requestUriOf("/a|b?q", host));
    }

    @Test
    void requestUriKeepsAValidHost() {
        assertEquals("ws://[::1]:8080/a", requestUriOf("/a", "[::1]:8080"));
        assertEquals("ws://Example.COM:80/a", requestUriOf("/a", "Example.COM:80"));
        assertEquals("ws://localhost/a", requestUriOf("/a", null));
    }

    /** The request URI an HTTP handler sees for a GET of {@code target} with that Host (none if null). */
    private static String requestUriOf(String target, String host) {
        ServerHarness h = new ServerHarness(ServerConfig.builder().port(0).build(), request -> Optional.of(
                HttpResponse.ok("text/plain", request.requestUri().toString().getBytes(StandardCharsets.UTF_8))), ECHO);
        h.send(ascii("GET " + target + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + "\r\n"));
        String head = h.responseHead();
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        return h.rest();
    }

    @Test
    void sessionRequestUriOfAnUpgradeWithUnusualCharacters() {
        RecordingHandler handler = new RecordingHandler(false);
        EndpointDefinition rooms = EndpointDefinition.builder("/rooms/{id}", r -> handler).build();
        ServerHarness h = harness(ServerConfig.builder(), rooms)
                .send(UpgradeRequestBuilder.to("/rooms/a|b{c}?who=<me>").header("Host", "example.com:8080").bytes());
        assertEquals(101, h.status());
        assertEquals(URI.create("ws://example.com:8080/rooms/a%7Cb%7Bc%7D?who=%3Cme%3E"), handler.session.requestUri());
        assertEquals("/rooms/a|b{c}", handler.session.handshakeRequest().path(), "the path stays as sent");
        assertEquals("a|b{c}", handler.session.pathParameters().get("id"));
        assertEquals("<me>", handler.session.queryParameters().get("who").get(0));
    }

    static List<Arguments> invalidHeaders() {
        return List.of(Arguments.of("X-Evil", "a\r\nSet-Cookie: pwned=1"), Arguments.of("X-Evil", "a\nb"),
                Arguments.of("X-Evil", "a\rb"), Arguments.of("X-Evil", "a\u0000b"), Arguments.of("X-Evil", "a\u007fb"),
                Arguments.of("Bad Name", "v"), Arguments.of("X-Evil\r\nSet-Cookie", "pwned=1"), Arguments.of("X:Y", "v"),
                Arguments.of("", "v"));
    }

    @ParameterizedTest
    @MethodSource("invalidHeaders")
    void aHandlerAnswerWithAnInvalidHeaderBecomes500(String name, String value) {
        HttpHandler handler = new HttpHandler() {
            @Override
            public Optional<HttpResponse> handle(HandshakeRequest request) {
                return Optional.of(new HttpResponse(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8), Map.of(name, value)));
            }

            @Override
            public String toString() {
                return "PageHandler";
            }
        };
        for (String method : List.of("GET", "HEAD")) {
            try (LogCapture log = LogCapture.of(ServerHandshake.class)) {
                ServerHarness h = new ServerHarness(ServerConfig.builder().port(0).build(), handler, ECHO)
                        .send(ascii(method + " / HTTP/1.1\r\nHost: x\r\n\r\n"));
                String head = h.responseHead();
                assertTrue(head.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), head);
                assertFalse(head.contains("pwned") || head.contains("X-Evil"), "nothing of the bad answer is sent: " + head);
                assertEquals(method.equals("GET") ? "internal error\n" : "", h.rest());
                assertTrue(h.transport.outputShutdown);
                List<String> warnings = log.messages(Level.WARNING);
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).contains("PageHandler"), warnings.get(0));
                assertPrintable(warnings.get(0) + "\n");
            }
        }
    }

    @Test
    void aContentTypeWithALineBreakBecomes500() {
        ServerHarness h = new ServerHarness(ServerConfig.builder().port(0).build(), request -> Optional.of(
                HttpResponse.ok("text/html\r\nSet-Cookie: pwned=1", new byte[0])), ECHO);
        String head = h.send(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).responseHead();
        assertTrue(head.startsWith("HTTP/1.1 500"), head);
        assertFalse(head.contains("pwned"), head);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nSet-Cookie: pwned=1", "a\u0000b", "a\nb"})
    void anInterceptorHeaderWithAControlCharacterBecomes500NotA101(String value) {
        RecordingHandler app = new RecordingHandler(false);
        EndpointDefinition endpoint = EndpointDefinition.builder("/secure", r -> app).displayName("Secure")
                .handshakeInterceptor((request, headers) -> headers.add("X-Trace", value)).build();
        try (LogCapture log = LogCapture.of(ServerHandshake.class)) {
            ServerHarness h = harness(ServerConfig.builder(), endpoint).send(UpgradeRequestBuilder.to("/secure").bytes());
            String head = h.responseHead();
            assertTrue(head.startsWith("HTTP/1.1 500"), head);
            assertFalse(head.contains("pwned") || head.contains("X-Trace"), head);
            assertTrue(h.rest().startsWith("the server failed"));
            assertTrue(app.events.isEmpty(), "no session was opened");
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("Secure") && warnings.get(0).contains("X-Trace"), warnings.get(0));
        }
    }

    @Test
    void duplicatePathsFailAtDeployment() {
        EndpointDefinition a = EndpointDefinition.builder("/rooms/{id}", r -> new EndpointHandler() { }).displayName("A").build();
        EndpointDefinition b = EndpointDefinition.builder("/rooms/{name}", r -> new EndpointHandler() { }).displayName("B").build();
        DeploymentException e = assertThrows(DeploymentException.class, () -> new ServerHarness(a, b));
        assertTrue(e.getMessage().contains("A at /rooms/{id}") && e.getMessage().contains("B at /rooms/{name}"), e.getMessage());
    }

    @Test
    void literalPathsWinOverTemplates() {
        RecordingHandler literal = new RecordingHandler(false);
        RecordingHandler template = new RecordingHandler(false);
        EndpointDefinition lobby = EndpointDefinition.builder("/chat/lobby", r -> literal).build();
        EndpointDefinition rooms = EndpointDefinition.builder("/chat/{room}", r -> template).build();
        new ServerHarness(rooms, lobby).send(UpgradeRequestBuilder.to("/chat/lobby").bytes());
        assertEquals("open", literal.events.poll());
        new ServerHarness(rooms, lobby).send(UpgradeRequestBuilder.to("/chat/kitchen").bytes());
        assertEquals("open", template.events.poll());
        assertEquals("kitchen", template.session.pathParameters().get("room"));
    }
}
