package dev.wsf.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.Session;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.http.AcceptKey;
import dev.wsf.runtime.testing.RecordingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client against our server, and against scripted servers that answer the handshake badly. */
class WebSocketClientTest {
    private WebSocketServer server;
    private final WebSocketClient client = WebSocketClient.create(ClientConfig.builder()
            .handshakeTimeout(Duration.ofMillis(500)).build());
    private final LinkedBlockingQueue<RecordingHandler> serverHandlers = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.stop();
        }
    }

    private URI startEcho(String... subprotocols) {
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).build())
                .endpoint(EndpointDefinition.builder("/echo", r -> {
                    RecordingHandler h = new RecordingHandler(true);
                    serverHandlers.add(h);
                    return h;
                }).subprotocols(subprotocols).build())
                .build().start();
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo?x=1");
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void roundTripsEveryMessageKind(Dispatch dispatch) throws Exception {
        URI uri = startEcho();
        RecordingHandler mine = new RecordingHandler(false);
        Session s = client.connect(uri, EndpointDefinition.forClient(r -> mine).dispatch(dispatch).build(),
                ConnectOptions.defaults()).get(10, TimeUnit.SECONDS);
        assertEquals("open", mine.next(), "onOpen ran before the future completed");
        s.sendText("hello \u20ac");
        assertEquals("text:hello \u20ac", mine.next());
        byte[] big = new byte[3 << 20];
        new Random(3).nextBytes(big);
        s.sendBinary(ByteBuffer.wrap(big));
        assertEquals("binary:" + big.length, mine.next());
        s.sendText("frag", false);
        s.sendText("mented", true);
        assertEquals("text:fragmented", mine.next());
        s.sendPing(ByteBuffer.wrap(new byte[] {9}));
        assertEquals("pong:1", mine.next());
        s.close(new CloseReason(4000, "done")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("close:4000 done", mine.next());
        RecordingHandler theirs = serverHandlers.take();
        assertEquals("open", theirs.next());
        assertEquals("text:hello \u20ac", theirs.next());
        assertEquals("binary:" + big.length, theirs.next(), "the server's parser insists on masked frames");
    }

    @Test
    void offersSubprotocolsAndSendsCustomHeaders() throws Exception {
        URI uri = startEcho("chat.v2", "chat.v1");
        Session s = client.connect(uri, new RecordingHandler(false),
                ConnectOptions.builder().subprotocols("chat.v1", "chat.v2").header("Authorization", "Bearer t").build())
                .get(10, TimeUnit.SECONDS);
        assertEquals("chat.v1", s.subprotocol().orElseThrow());
        RecordingHandler theirs = serverHandlers.take();
        assertEquals("open", theirs.next(), "the server's onOpen may run after the client's");
        Session onServer = theirs.session;
        assertEquals("Bearer t", onServer.handshakeRequest().header("Authorization").orElseThrow());
        assertEquals("1", onServer.queryParameters().get("x").get(0));
        assertTrue(client.connect(uri, new RecordingHandler(false)).get(10, TimeUnit.SECONDS).subprotocol().isEmpty());
    }

    @Test
    void refusedUpgradeFailsWithTheStatus() {
        URI uri = startEcho();
        CompletionException e = assertThrows(CompletionException.class,
                () -> client.connect(URI.create(uri.toString().replace("/echo", "/missing")), new RecordingHandler(false)).join());
        HandshakeRejectedException rejected = assertInstanceOf(HandshakeRejectedException.class, e.getCause());
        assertEquals(404, rejected.status());
    }

    @Test
    void connectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletionException e = assertThrows(CompletionException.class,
                () -> client.connect(URI.create("ws://127.0.0.1:" + port + "/"), new RecordingHandler(false)).join());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void rejectsUrisItCannotServe() {
        assertThrows(CompletionException.class, () -> client.connect(URI.create("wss://127.0.0.1/"), new RecordingHandler(false)).join());
        assertThrows(CompletionException.class, () -> client.connect(URI.create("http://127.0.0.1/"), new RecordingHandler(false)).join());
    }

    /** Answers the upgrade with whatever {@code response} makes of the client's key. */
    private String misbehave(Function<String, String> response) throws Exception {
        try (ServerSocket fake = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    String key = readKey(s.getInputStream());
                    s.getOutputStream().write(response.apply(key).getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    s.getInputStream().read(); // hold the connection until the client gives up
                } catch (IOException e) {
                    // the client hung up
                }
            });
            t.start();
            CompletionException e = assertThrows(CompletionException.class, () -> client.connect(
                    URI.create("ws://127.0.0.1:" + fake.getLocalPort() + "/"), new RecordingHandler(false),
                    ConnectOptions.builder().subprotocols("chat.v1").build()).join());
            t.join(5000);
            return e.getCause().getMessage();
        }
    }

    private static String readKey(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        return head.toString().lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                .substring("Sec-WebSocket-Key: ".length());
    }

    private static String ok(String key, String extra) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n" + extra + "\r\n";
    }

    @Test
    void validatesTheServersAnswer() throws Exception {
        assertTrue(misbehave(key -> ok("wrong", "")).contains("Sec-WebSocket-Accept does not match"));
        assertTrue(misbehave(key -> ok(key, "").replace("Upgrade: websocket\r\n", "")).contains("Upgrade: websocket"));
        assertTrue(misbehave(key -> ok(key, "").replace("Connection: Upgrade\r\n", "Connection: close\r\n"))
                .contains("Connection: Upgrade"));
        assertTrue(misbehave(key -> ok(key, "Sec-WebSocket-Protocol: chat.v9\r\n")).contains("did not offer"));
        assertTrue(misbehave(key -> ok(key, "Sec-WebSocket-Extensions: x-unknown\r\n")).contains("did not offer"));
        assertTrue(misbehave(key -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").contains("200"));
        assertTrue(misbehave(key -> "garbage\r\n\r\n").contains("malformed status line"));
    }

    @Test
    void anAnswerThatCannotBeHttpFailsAtOnceNotAtTheTimeout() throws Exception {
        // a TLS alert, as a TLS server answers a plain-text client
        String tlsAlert = misbehave(key -> "\u0015\u0003\u0003\u0000\u0002\u0002\u0046");
        assertTrue(tlsAlert.contains("malformed status line"), tlsAlert);
        String bareCr = misbehave(key -> ok(key, "").replace("\r\n", "\r"));
        assertTrue(bareCr.contains("CR not followed by LF"), bareCr);
    }

    @Test
    void handshakeTimeout() throws Exception {
        assertTrue(misbehave(key -> "").contains("handshake timeout"));
    }

    @Test
    void closingTheClientClosesItsSessionsWith1001() throws Exception {
        URI uri = startEcho();
        RecordingHandler mine = new RecordingHandler(false);
        client.connect(uri, mine).get(10, TimeUnit.SECONDS);
        RecordingHandler theirs = serverHandlers.take();
        assertEquals("open", theirs.next());
        client.close();
        assertEquals("close:1001", theirs.next().substring(0, 10));
        assertEquals(0, client.connectionCount());
    }

    @Test
    void sessionsFailWithWebSocketExceptionWhenUsedAfterClose() throws Exception {
        URI uri = startEcho();
        Session s = client.connect(uri, new RecordingHandler(false)).get(10, TimeUnit.SECONDS);
        s.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        CompletionException e = assertThrows(CompletionException.class, () -> s.sendText("late").toCompletableFuture().join());
        assertInstanceOf(WebSocketException.class, e.getCause());
    }
}
