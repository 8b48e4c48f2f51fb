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
    /** Anyone with this token gets in (ChatLoginTest tries the others). */
    private static final ChatAccounts ACCOUNTS = ChatAccounts.sharedToken("t0k");
    private static final String TOKEN = ChatLogin.TOKEN_PREFIX + "t0k";
    /** Short enough to observe several pings in a test. */
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    /**
     * How long the server waits for a pong before it drops the client. The sample's own (the
     * interval, 15 s) scaled down with the interval would be 200 ms: a loaded machine that starves
     * the JDK client's threads that long made the server drop a live client, and the test failed
     * with a close where it expected a ping. The tests here check that pings come and are
     * answered, not how fast: a slow answer must not end the session.
     */
    private static final Duration PONG_TIMEOUT = HEARTBEAT.multipliedBy(50);
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        // The sample's settings, with a heartbeat short enough to observe.
        server = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0)
                .heartbeatInterval(HEARTBEAT).heartbeatTimeout(PONG_TIMEOUT).build(), ACCOUNTS);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void membersOfARoomSeeJoinsMessagesAndLeaves() throws Exception {
        try (JdkClient ann = join("kitchen", "ann")) {
            assertEquals(ChatEvent.members("ann", List.of()), event(ann), "nobody was there before her");
            assertEquals(ChatEvent.joined("ann"), event(ann), "her own join, as the others will see theirs");
            try (JdkClient bob = join("kitchen", "bob")) {
                assertEquals(ChatEvent.members("bob", List.of("ann")), event(bob));
                // On the wire: the change only, never the member list.
                assertEquals("{\"type\":\"join\",\"user\":\"bob\",\"text\":\"bob joined\"}", bob.nextText());
                assertEquals(ChatEvent.joined("bob"), event(ann));

                ann.send("{\"text\":\"hi bob\"}");
                assertEquals("{\"type\":\"message\",\"user\":\"ann\",\"text\":\"hi bob\"}", bob.nextText());
                assertEquals(ChatEvent.message("ann", "hi bob"), event(ann)); // the sender sees its own line too

                bob.socket.sendClose(1000, "bye").join();
            }
            assertEquals(ChatEvent.left("bob"), event(ann));
        }
    }

    @Test
    void whoAnswersTheAskerAloneWithTheRoomAsItIsNow() throws Exception {
        try (JdkClient ann = joined("study", "ann"); JdkClient bob = joined("study", "bob")) {
            assertEquals(ChatEvent.joined("bob"), event(ann));
            bob.send("{\"command\":\"who\"}");
            assertEquals(ChatEvent.members("bob", List.of("ann", "bob")), event(bob));
            ann.send("{\"text\":\"next\"}");
            assertEquals(ChatEvent.message("ann", "next"), event(ann), "ann got no list: only the asker does");
        }
    }

    @Test
    void aFullRoomTurnsTheNextJoinerAwayWith1013() throws Exception {
        WebSocketServer small = ChatSample.start(
                ChatSample.settings().host("127.0.0.1").port(0).build(), 2, ACCOUNTS);
        try (JdkClient ann = joined(small, "booth", "ann"); JdkClient bob = joined(small, "booth", "bob")) {
            assertEquals(ChatEvent.joined("bob"), event(ann));
            try (JdkClient cy = JdkClient.connect(url(small, "booth", "cy"), ChatEndpoint.SUBPROTOCOL, TOKEN).skipPings()) {
                assertEquals(new JdkClient.Closed(1013, "room full (2 members), try later"), cy.nextClose());
            }
            joined(small, "hall", "dee").close(); // another room has space
            bob.socket.sendClose(1000, "bye").join();
            assertEquals(ChatEvent.left("bob"), event(ann), "ann never heard of cy");
            try (JdkClient cy = joined(small, "booth", "cy")) {
                assertEquals(ChatEvent.joined("cy"), event(ann), "a place came free");
            }
        } finally {
            small.stop();
        }
    }

    @Test
    void roomsAreSeparate() throws Exception {
        try (JdkClient ann = joined("attic", "ann"); JdkClient carol = joined("cellar", "carol")) {
            ann.send("{\"text\":\"anyone?\"}");
            assertEquals("anyone?", event(ann).text());
            carol.send("{\"text\":\"down here\"}");
            assertEquals("down here", event(carol).text()); // not ann's line: that never came
        }
    }

    @Test
    void aClientThatDoesNotSpeakChatV1IsTurnedAway() throws Exception {
        try (JdkClient stranger = JdkClient.connect(url("lobby", "eve"), TOKEN).skipPings()) {
            assertEquals(new JdkClient.Closed(1008, "offer the subprotocol chat.v1"), stranger.nextClose());
        }
    }

    @Test
    void aMessageThatIsNotAPostClosesWith1007() throws Exception {
        List<String> notPosts = List.of("{\"txt\":\"typo\"}", "{\"command\":\"kick\"}",
                "{\"text\":\"hi\",\"command\":\"who\"}");
        for (String notAPost : notPosts) {
            try (JdkClient client = joined("hall-" + notPosts.indexOf(notAPost), "dan")) {
                client.send(notAPost);
                assertEquals(1007, client.nextClose().code(), notAPost);
            }
        }
    }

    @Test
    void aPostOver4KiBClosesWith1009() throws Exception {
        try (JdkClient client = joined("hall-1009", "liz")) {
            client.send("{\"text\":\"" + "x".repeat(4096) + "\"}");
            assertEquals(1009, client.nextClose().code());
        }
    }

    @Test
    void theServerSendsHeartbeatPingsAndKeepsAClientThatAnswersThem() throws Exception {
        try (JdkClient client = joined("porch", "pat")) {
            // One ping at a time, the next one an interval after the pong: three take about three
            // intervals; each may take up to the pong timeout on a loaded machine.
            for (int i = 0; i < 3; i++) {
                Object next = client.events.poll(PONG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertInstanceOf(JdkClient.Ping.class, next, "ping " + (i + 1)); // the JDK client answers it by itself
            }
            assertFalse(client.socket.isOutputClosed(), "still open after the pings");
            // The server kept the session after its pings were answered: it still takes part.
            client.send("{\"text\":\"still here\"}");
            assertEquals(ChatEvent.message("pat", "still here"), event(client));
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
        assertTrue(script.body().contains("new WebSocket(url, ['chat.v1', `token.${token}`])"),
                "the page offers the subprotocol, and the token as another");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/nothing.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void withTlsServesThePageOverHttpsAndTheRoomsOverWss() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        WebSocketServer secure = ChatSample.start(
                ChatSample.settings().host("127.0.0.1").port(0).tls(tls.server()).build(), ACCOUNTS);
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

            // As the page does: same origin, wss://, chat.v1 and the token.
            WebSocket.Builder builder = trusting.newWebSocketBuilder().subprotocols(ChatEndpoint.SUBPROTOCOL, TOKEN)
                    .header("Origin", base);
            try (JdkClient ann = JdkClient.connect(URI.create("wss://localhost:" + secure.port() + "/chat/vault?name=ann"),
                    builder).skipPings()) {
                assertEquals(ChatEvent.members("ann", List.of()), event(ann));
                assertEquals(ChatEvent.joined("ann"), event(ann));
                ann.send("{\"text\":\"sealed\"}");
                assertEquals(ChatEvent.message("ann", "sealed"), event(ann));
            }
        } finally {
            secure.stop();
        }
    }

    private static JdkClient join(String room, String name) {
        return join(server, room, name);
    }

    private static JdkClient join(WebSocketServer at, String room, String name) {
        // This server pings every HEARTBEAT: the events the tests wait for come between pings.
        JdkClient client = JdkClient.connect(url(at, room, name), ChatEndpoint.SUBPROTOCOL, TOKEN).skipPings();
        assertEquals(ChatEndpoint.SUBPROTOCOL, client.socket.getSubprotocol());
        return client;
    }

    /** Joined, past the member list and its own join. */
    private static JdkClient joined(String room, String name) throws InterruptedException {
        return joined(server, room, name);
    }

    private static JdkClient joined(WebSocketServer at, String room, String name) throws InterruptedException {
        JdkClient client = join(at, room, name);
        assertEquals("members", event(client).type());
        assertEquals(ChatEvent.joined(name), event(client));
        return client;
    }

    private static ChatEvent event(JdkClient client) throws InterruptedException {
        return JSON.readValue(client.nextText(), ChatEvent.class);
    }

    private static String url(String room, String name) {
        return url(server, room, name);
    }

    private static String url(WebSocketServer at, String room, String name) {
        return "ws://127.0.0.1:" + at.port() + "/chat/" + room + "?name=" + name;
    }
}
