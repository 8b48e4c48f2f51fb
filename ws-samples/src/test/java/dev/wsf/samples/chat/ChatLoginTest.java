package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat's login with JDK clients, against a user list (ann and bob, each with a token): the
 * principal is who the room sees; a wrong, missing or borrowed token gets 401; /login answers as
 * the handshake does.
 */
class ChatLoginTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0).build(),
                ChatAccounts.users(Map.of("ann", "t-ann", "bob", "t-bob")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theRoomKnowsEachMemberByThePrincipalsName() throws Exception {
        // As the page does: the token offered as a second subprotocol, which is never chosen.
        try (JdkClient ann = JdkClient.connect(url("den", "ann"), ChatEndpoint.SUBPROTOCOL, "token.t-ann")
                .skipPings()) {
            assertEquals(ChatEndpoint.SUBPROTOCOL, ann.socket.getSubprotocol());
            assertEquals(ChatEvent.members("ann", List.of()), event(ann));
            assertEquals(ChatEvent.joined("ann"), event(ann));
            // As a non-browser client may: Authorization: Bearer.
            WebSocket.Builder bearer = HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols(ChatEndpoint.SUBPROTOCOL).header("Authorization", "Bearer t-bob");
            try (JdkClient bob = JdkClient.connect(URI.create(url("den", "bob")), bearer).skipPings()) {
                assertEquals(ChatEvent.members("bob", List.of("ann")), event(bob));
                assertEquals(ChatEvent.joined("bob"), event(ann));
                bob.send("{\"text\":\"hi ann\"}");
                assertEquals("{\"type\":\"message\",\"user\":\"bob\",\"text\":\"hi ann\"}", ann.nextText());
            }
        }
    }

    @Test
    void aWrongMissingOrBorrowedTokenGets401() {
        assertRefused(url("den", "ann"), ChatEndpoint.SUBPROTOCOL, "token.guess");
        assertRefused(url("den", "ann"), ChatEndpoint.SUBPROTOCOL);
        assertRefused(url("den", "bob"), ChatEndpoint.SUBPROTOCOL, "token.t-ann"); // ann's token is ann's only
        assertRefused(url("den", "eve"), ChatEndpoint.SUBPROTOCOL, "token.t-ann"); // not on the list
        assertRefused(url("den", ""), ChatEndpoint.SUBPROTOCOL, "token.t-ann");
    }

    @Test
    void loginAnswersAsTheHandshakeDoesForThePageToShow() throws Exception {
        HttpResponse<String> accepted = login("ann", "t-ann");
        assertEquals(204, accepted.statusCode());
        HttpResponse<String> refused = login("ann", "t-bob");
        assertEquals(401, refused.statusCode());
        assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("that name and token do not match", refused.body());
        assertEquals(401, login("", "t-ann").statusCode());
    }

    @Test
    void aSharedTokenLetsInAnyName() throws Exception {
        WebSocketServer open = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0).build(),
                ChatAccounts.sharedToken("s3cret"));
        try (JdkClient zed = JdkClient.connect("ws://127.0.0.1:" + open.port() + "/chat/den?name=zed",
                ChatEndpoint.SUBPROTOCOL, "token.s3cret").skipPings()) {
            assertEquals(ChatEvent.members("zed", List.of()), event(zed));
        } finally {
            open.stop();
        }
    }

    @Test
    void aTokenMustBeUsableAsASubprotocol() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ChatAccounts.sharedToken("a b"));
        assertTrue(e.getMessage().contains("subprotocol"), e.getMessage());
    }

    private static void assertRefused(String url, String... subprotocols) {
        CompletionException e = assertThrows(CompletionException.class, () -> JdkClient.connect(url, subprotocols));
        HttpResponse<?> response = assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse();
        assertEquals(401, response.statusCode(), url);
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""), url);
    }

    private static HttpResponse<String> login(String name, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + LoginCheck.PATH + "?name=" + name))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ChatEvent event(JdkClient client) throws InterruptedException {
        return JSON.readValue(client.nextText(), ChatEvent.class);
    }

    private static String url(String room, String name) {
        return "ws://127.0.0.1:" + server.port() + "/chat/" + room + "?name=" + name;
    }
}
