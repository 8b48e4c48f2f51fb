package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleTls;
import dev.wsf.samples.testing.Trusting;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The chat sample with JDK clients: rooms, notices, broadcast, the subprotocol, the heartbeat, the page. */
class ChatSampleTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        // The sample's settings, with a heartbeat short enough to observe.
        server = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0)
                .heartbeatInterval(Duration.ofMillis(200)).build());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void membersOfARoomSeeJoinsMessagesAndLeaves() throws Exception {
        try (JdkClient ann = join("kitchen", "ann")) {
            assertEquals(new ChatEvent("join", "ann", "ann joined", List.of("ann")), event(ann));
            try (JdkClient bob = join("kitchen", "bob")) {
                ChatEvent bobJoined = new ChatEvent("join", "bob", "bob joined", List.of("ann", "bob"));
                assertEquals(bobJoined, event(ann));
                assertEquals(bobJoined, event(bob));

                ann.send("{\"text\":\"hi bob\"}");
                ChatEvent hi = new ChatEvent("message", "ann", "hi bob", List.of("ann", "bob"));
                assertEquals(hi, event(bob));
                assertEquals(hi, event(ann)); // the sender sees its own line too

                bob.socket.sendClose(1000, "bye").join();
            }
            assertEquals(new ChatEvent("leave", "bob", "bob left", List.of("ann")), event(ann));
        }
    }

    @Test
    void roomsAreSeparate() throws Exception {
        try (JdkClient ann = join("attic", "ann"); JdkClient carol = join("cellar", "carol")) {
            event(ann);
            event(carol);
            ann.send("{\"text\":\"anyone?\"}");
            assertEquals("anyone?", event(ann).text());
            carol.send("{\"text\":\"down here\"}");
            assertEquals("down here", event(carol).text()); // not ann's line: that never came
        }
    }

    @Test
    void aClientThatDoesNotSpeakChatV1IsTurnedAway() throws Exception {
        try (JdkClient stranger = JdkClient.connect(url("lobby", "eve")).skipPings()) {
            assertEquals(new JdkClient.Closed(1008, "offer the subprotocol chat.v1"), stranger.nextClose());
        }
    }

    @Test
    void aMessageThatIsNotAPostClosesWith1007() throws Exception {
        try (JdkClient client = join("hall", "dan")) {
            event(client);
            client.send("{\"txt\":\"typo\"}");
            assertEquals(1007, client.nextClose().code());
        }
    }

    @Test
    void aPostOver4KiBClosesWith1009() throws Exception {
        try (JdkClient client = join("hall", "liz")) {
            event(client);
            client.send("{\"text\":\"" + "x".repeat(4096) + "\"}");
            assertEquals(1009, client.nextClose().code());
        }
    }

    @Test
    void theServerSendsHeartbeatPings() throws Exception {
        try (JdkClient client = join("porch", "pat")) {
            event(client);
            Object next = client.events.poll(5, TimeUnit.SECONDS);
            assertInstanceOf(JdkClient.Ping.class, next); // the JDK client answers it by itself
            assertFalse(client.socket.isOutputClosed(), "still open after the ping");
        }
    }

    @Test
    void servesThePageOnTheSamePort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"chat.js\">"), page.body());
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/chat.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("new WebSocket(url, ['chat.v1'])"), "the page offers the subprotocol");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/nothing.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void withTlsServesThePageOverHttpsAndTheRoomsOverWss() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        WebSocketServer secure = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0).tls(tls.server()).build());
        try {
            HttpClient trusting = Trusting.httpClient(tls.trustFile());
            String base = "https://localhost:" + secure.port();
            HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"chat.js\">"), page.body());
            HttpResponse<String> script = trusting.send(HttpRequest.newBuilder(URI.create(base + "/chat.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(script.body().contains("location.protocol === 'https:' ? 'wss' : 'ws'"),
                    "the page opens wss:// when it was loaded over https://");

            // As the page does: same origin, wss://, chat.v1.
            WebSocket.Builder builder = trusting.newWebSocketBuilder().subprotocols(ChatEndpoint.SUBPROTOCOL)
                    .header("Origin", base);
            try (JdkClient ann = JdkClient.connect(URI.create("wss://localhost:" + secure.port() + "/chat/vault?name=ann"),
                    builder).skipPings()) {
                assertEquals(new ChatEvent("join", "ann", "ann joined", List.of("ann")), event(ann));
                ann.send("{\"text\":\"sealed\"}");
                assertEquals(new ChatEvent("message", "ann", "sealed", List.of("ann")), event(ann));
            }
        } finally {
            secure.stop();
        }
    }

    private static JdkClient join(String room, String name) {
        // This server pings every 200 ms: the events the tests wait for come between pings.
        JdkClient client = JdkClient.connect(url(room, name), ChatEndpoint.SUBPROTOCOL).skipPings();
        assertEquals(ChatEndpoint.SUBPROTOCOL, client.socket.getSubprotocol());
        return client;
    }

    private static ChatEvent event(JdkClient client) throws InterruptedException {
        return JSON.readValue(client.nextText(), ChatEvent.class);
    }

    private static String url(String room, String name) {
        return "ws://127.0.0.1:" + server.port() + "/chat/" + room + "?name=" + name;
    }
}
