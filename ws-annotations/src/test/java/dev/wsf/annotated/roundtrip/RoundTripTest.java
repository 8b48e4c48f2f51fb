package dev.wsf.annotated.roundtrip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Annotated endpoints served by the real runtime on 127.0.0.1 (an ephemeral port), driven by the
 * JDK's WebSocket client: one test per message kind, plus the close codes of the error policy.
 */
@Timeout(30)
class RoundTripTest {
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build())
                .endpoints(AnnotatedEndpoints.define(RoundTripEndpoints.Chat.class, RoundTripEndpoints.Parts.class,
                        RoundTripEndpoints.Streams.class, RoundTripEndpoints.Codecs.class, RoundTripEndpoints.Small.class,
                        RoundTripEndpoints.Items.class))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void openWithPathQueryAndSubprotocolThenJsonTextBothWays() throws Exception {
        try (Peer peer = Peer.connect(uri("/chat/lobby?user=ann"), "chat.v1")) {
            assertEquals("chat.v1", peer.socket.getSubprotocol());
            assertEquals("welcome ann to lobby (chat.v1)", peer.nextText());
            peer.socket.sendText("{\"user\":\"ann\",\"text\":\"hi\"}", true).join();
            assertEquals("{\"room\":\"lobby\",\"line\":\"ann: hi\"}", peer.nextText());
        }
    }

    @Test
    void wholeBinary() throws Exception {
        try (Peer peer = Peer.connect(uri("/chat/bytes?user=bob"))) {
            peer.nextText();
            peer.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            assertArrayEquals(new byte[] {3, 2, 1}, peer.nextBinary());
        }
    }

    @Test
    void pong() throws Exception {
        try (Peer peer = Peer.connect(uri("/chat/pongs?user=cy"))) {
            peer.nextText();
            peer.socket.sendPong(ByteBuffer.wrap("beat".getBytes(StandardCharsets.UTF_8))).join();
            assertEquals("pong:beat", peer.nextText());
        }
    }

    @Test
    void closeReachesOnClose() throws Exception {
        RoundTripEndpoints.Chat.CLOSED.clear();
        try (Peer peer = Peer.connect(uri("/chat/closing?user=di"))) {
            peer.nextText();
            peer.socket.sendClose(4000, "bye").join();
            assertEquals(4000, peer.nextClose().code());
            assertEquals("closing 4000", RoundTripEndpoints.Chat.CLOSED.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void textAndBinaryInParts() throws Exception {
        try (Peer peer = Peer.connect(uri("/parts"))) {
            peer.socket.sendText("hel", false).join();
            peer.socket.sendText("lo", true).join();
            StringBuilder text = new StringBuilder();
            String reply;
            do {
                reply = peer.nextText();
                assertTrue(reply.startsWith("text:"), reply);
                text.append(reply, 5, reply.lastIndexOf(':'));
            } while (reply.endsWith(":false"));
            assertEquals("hello", text.toString());

            peer.socket.sendBinary(ByteBuffer.allocate(5), false).join();
            peer.socket.sendBinary(ByteBuffer.allocate(7), true).join();
            int bytes = 0;
            do {
                reply = peer.nextText();
                bytes += Integer.parseInt(reply.split(":")[1]);
            } while (reply.endsWith(":false"));
            assertEquals(12, bytes);
        }
    }

    @Test
    void textAndBinaryAsStreams() throws Exception {
        String big = "0123456789".repeat(50_000) + "end";
        byte[] data = new byte[300_000];
        java.util.Arrays.fill(data, (byte) 2);
        try (Peer peer = Peer.connect(uri("/stream"))) {
            for (int i = 0; i < big.length(); i += 100_000) {
                peer.socket.sendText(big.substring(i, Math.min(big.length(), i + 100_000)), i + 100_000 >= big.length()).join();
            }
            assertEquals("read 500003 chars ending in end", peer.nextText());
            peer.socket.sendBinary(ByteBuffer.wrap(data, 0, 100_000), false).join();
            peer.socket.sendBinary(ByteBuffer.wrap(data, 100_000, 200_000), true).join();
            assertEquals("read 300000 bytes summing to 600000", peer.nextText());
        }
    }

    @Test
    void customCodecsOnTheIoThread() throws Exception {
        try (Peer peer = Peer.connect(uri("/codecs"))) {
            peer.socket.sendBinary(ByteBuffer.allocate(8).putInt(1).putInt(2).flip(), true).join();
            assertEquals(ByteBuffer.allocate(8).putInt(2).putInt(3).flip(), ByteBuffer.wrap(peer.nextBinary()));
            peer.socket.sendText("jump", true).join();
            assertEquals("did JUMP", peer.nextText());
        }
    }

    @Test
    void textThatIsNotJsonClosesWith1007() throws Exception {
        try (Peer peer = Peer.connect(uri("/chat/errors?user=ed"))) {
            peer.nextText();
            peer.socket.sendText("not json", true).join();
            assertEquals(1007, peer.nextClose().code());
        }
    }

    @Test
    void exceptionWithoutOnErrorClosesWith1011() throws Exception {
        try (Peer peer = Peer.connect(uri("/chat/errors?user=fay"))) {
            peer.nextText();
            peer.socket.sendText("{\"user\":\"fay\",\"text\":\"fail\"}", true).join();
            assertEquals(1011, peer.nextClose().code());
        }
    }

    @Test
    void binaryToATextOnlyEndpointClosesWith1003() throws Exception {
        try (Peer peer = Peer.connect(uri("/small"))) {
            peer.socket.sendBinary(ByteBuffer.allocate(2), true).join();
            assertEquals(1003, peer.nextClose().code());
        }
    }

    @Test
    void theEndpointsSizeLimitIsEnforced() throws Exception {
        try (Peer peer = Peer.connect(uri("/small"))) {
            peer.socket.sendText("short", true).join();
            assertEquals("short", peer.nextText());
            peer.socket.sendText("x".repeat(17), true).join();
            assertEquals(1009, peer.nextClose().code());
        }
    }

    @Test
    void pathValueThatDoesNotConvertIsRefusedAtTheHandshake() throws Exception {
        try (Peer peer = Peer.connect(uri("/items/7"))) {
            assertEquals("item 7", peer.nextText());
        }
        CompletionException e = assertThrows(CompletionException.class, () -> Peer.connect(uri("/items/seven")));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(404, refused.getResponse().statusCode());
    }
}
