package dev.wsf.annotated.roundtrip;

import static dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.next;
import static dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.serverEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.EchoServer;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.GreetServer;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.JsonClient;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.Part;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.PartsClient;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.ProtocolClient;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.ProtocolServer;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.Reply;
import dev.wsf.annotated.roundtrip.ClientRoundTripEndpoints.TextClient;
import dev.wsf.api.CloseReason;
import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.codec.DecodeException;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Annotated client endpoints connected by our {@link WebSocketClient} to annotated server endpoints
 * served by our {@link WebSocketServer}, on 127.0.0.1: every message kind, return values, the error
 * policy's close codes seen from the server, and the subprotocol handshake.
 */
@Timeout(30)
class ClientRoundTripTest {
    private static WebSocketServer server;
    private static WebSocketClient client;

    @BeforeAll
    static void start() {
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build())
                .endpoints(AnnotatedEndpoints.define(EchoServer.class, GreetServer.class, ProtocolServer.class))
                .build()
                .start();
        client = WebSocketClient.create();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    private static URI uri(String path, String tag) {
        return URI.create("ws://127.0.0.1:" + server.port() + path + "?tag=" + tag);
    }

    private static Session connect(URI uri, EndpointDefinition endpoint) throws Exception {
        return connect(uri, endpoint, ConnectOptions.defaults());
    }

    private static Session connect(URI uri, EndpointDefinition endpoint, ConnectOptions options) throws Exception {
        return client.connect(uri, endpoint, options).get(10, TimeUnit.SECONDS);
    }

    // ---- messages ---------------------------------------------------------------------------------

    @Test
    void textBothWaysWithTheReturnValueSentBack() throws Exception {
        TextClient mine = new TextClient();
        Session session = connect(uri("/echo", "text"), AnnotatedEndpoints.client(mine));
        assertEquals(Role.CLIENT, session.role());
        session.sendText("hi \u20ac");
        assertEquals("hi \u20ac", mine.next(), "the server's echo");
        assertEquals("got ack hi \u20ac", next(serverEvents("text")), "the client's return value");
        session.close();
    }

    @Test
    void theClassFormMakesItsOwnInstance() throws Exception {
        Session session = connect(uri("/echo", "class-form"), AnnotatedEndpoints.client(TextClient.class));
        session.sendText("from a provided instance");
        assertEquals("got ack from a provided instance", next(serverEvents("class-form")));
        session.close();
    }

    @Test
    void jsonRecordsInAndOut() throws Exception {
        JsonClient mine = new JsonClient();
        Session session = connect(uri("/greet", "json"), AnnotatedEndpoints.client(mine));
        assertEquals("greeted ann", next(serverEvents("json")), "@OnOpen's record, sent as JSON");
        assertEquals(new Reply("hello ann", 3), mine.next(), "the server's record, decoded");
        session.sendText("{\"name\":\"bob\"}");
        assertEquals(new Reply("hello bob", 3), mine.next());
        session.close();
    }

    @Test
    void binaryBothWays() throws Exception {
        TextClient mine = new TextClient();
        Session session = connect(uri("/echo", "binary"), AnnotatedEndpoints.client(mine));
        session.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {3, 2, 1}, (byte[]) mine.next());
        session.close();
    }

    @Test
    void textAndBinaryInParts() throws Exception {
        PartsClient mine = new PartsClient();
        Session session = connect(uri("/echo", "parts"), AnnotatedEndpoints.client(mine));
        session.sendText("parts please");
        assertEquals("hello", whole(mine, "text"));
        assertEquals("010203", whole(mine, "binary"));
        session.close();
    }

    /**
     * The parts of one message joined, checking that only the final one is marked last. The
     * server sent two frames, and the runtime never merges parts of different frames.
     */
    private static String whole(PartsClient client, String kind) throws InterruptedException {
        StringBuilder message = new StringBuilder();
        int parts = 0;
        Part part;
        do {
            part = (Part) client.next();
            parts++;
            assertEquals(kind, part.kind());
            message.append(part.data());
        } while (!part.last());
        assertTrue(parts >= 2, "delivered in " + parts + " part(s)");
        return message.toString();
    }

    @Test
    void pongAnsweringThePingTheClientSent() throws Exception {
        TextClient mine = new TextClient();
        Session session = connect(uri("/echo", "pong"), AnnotatedEndpoints.client(mine));
        session.sendPing(ByteBuffer.wrap("beat".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pong beat", mine.next());
        session.close();
    }

    // ---- closing --------------------------------------------------------------------------------

    @Test
    void theServersCloseReasonReachesOnClose() throws Exception {
        TextClient mine = new TextClient();
        Session session = connect(uri("/echo", "server-closes"), AnnotatedEndpoints.client(mine));
        session.sendText("close please");
        assertEquals(new CloseReason(4001, "asked to"), mine.next());
        assertEquals("closed 4001 asked to", next(serverEvents("server-closes")));
    }

    @Test
    void theClientsCloseReasonReachesTheServer() throws Exception {
        TextClient mine = new TextClient();
        Session session = connect(uri("/echo", "client-closes"), AnnotatedEndpoints.client(mine));
        session.close(4000, "done").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("closed 4000 done", next(serverEvents("client-closes")));
        assertEquals(4000, ((CloseReason) mine.next()).code(), "@OnClose runs on the client too");
    }

    // ---- the error policy -----------------------------------------------------------------------

    @Test
    void onErrorHandlesACallbacksExceptionAndItsReturnValueIsSent() throws Exception {
        JsonClient mine = new JsonClient();
        Session session = connect(uri("/greet", "on-error"), AnnotatedEndpoints.client(mine));
        BlockingQueue<String> server = serverEvents("on-error");
        assertEquals("greeted ann", next(server));
        mine.next();
        session.sendText("{\"name\":\"boom\"}");
        assertEquals("greeted boom", next(server));
        assertEquals("boom", assertInstanceOf(IllegalStateException.class, mine.next()).getMessage());
        assertEquals("greeted recovered", next(server), "@OnError's return value");
        assertEquals(new Reply("hello recovered", 9), mine.next(), "and the session stayed open");
        session.close();
    }

    @Test
    void aMessageThatDoesNotDecodeGoesToOnErrorThenClosesWith1007() throws Exception {
        JsonClient mine = new JsonClient();
        Session session = connect(uri("/greet", "garbage"), AnnotatedEndpoints.client(mine));
        mine.next();
        session.sendText("{\"name\":\"garbage\"}");
        assertInstanceOf(DecodeException.class, mine.next());
        assertEquals(1007, ((CloseReason) mine.next()).code());
        BlockingQueue<String> server = serverEvents("garbage");
        assertEquals("greeted ann", next(server));
        assertEquals("greeted garbage", next(server));
        assertEquals("closed 1007", next(server));
    }

    @Test
    void anExceptionWithoutOnErrorClosesWith1011() throws Exception {
        TextClient mine = new TextClient();
        Session session = connect(uri("/echo", "fail"), AnnotatedEndpoints.client(mine));
        session.sendText("fail");
        assertEquals(1011, ((CloseReason) mine.next()).code());
        assertTrue(next(serverEvents("fail")).startsWith("closed 1011"));
    }

    @Test
    void binaryToATextOnlyClientClosesWith1003() throws Exception {
        JsonClient mine = new JsonClient();
        Session session = connect(uri("/greet", "bytes"), AnnotatedEndpoints.client(mine));
        mine.next();
        session.sendText("{\"name\":\"bytes\"}");
        assertEquals(new CloseReason(1003, "this endpoint accepts no binary messages"), mine.next());
        BlockingQueue<String> server = serverEvents("bytes");
        assertEquals("greeted ann", next(server));
        assertEquals("greeted bytes", next(server));
        assertEquals("closed 1003", next(server));
    }

    // ---- subprotocols -----------------------------------------------------------------------------

    @Test
    void theClientOffersItsSubprotocolsInOrderAndTheServerPicksTheFirstItSpeaks() throws Exception {
        ProtocolClient mine = new ProtocolClient();
        Session session = connect(uri("/protocols", "offer"), AnnotatedEndpoints.client(mine));
        assertEquals("chose v2", mine.next(), "@OnOpen sees the selected subprotocol");
        assertEquals("offered [v3, v2, v1], chose v2", mine.next());
        session.close();
    }

    @Test
    void subprotocolsInTheConnectOptionsReplaceTheAnnotations() throws Exception {
        ProtocolClient mine = new ProtocolClient();
        Session session = connect(uri("/protocols", "override"), AnnotatedEndpoints.client(mine),
                ConnectOptions.builder().subprotocols("v1").build());
        assertEquals("chose v1", mine.next());
        assertEquals("offered [v1], chose v1", mine.next());
        session.close();
    }

    @Test
    void noCommonSubprotocolMeansNone() throws Exception {
        ProtocolClient mine = new ProtocolClient();
        Session session = connect(uri("/protocols", "none"), AnnotatedEndpoints.client(mine),
                ConnectOptions.builder().subprotocols("v9").build());
        assertEquals("chose none", mine.next());
        assertEquals("offered [v9], chose none", mine.next());
        session.close();
    }
}
