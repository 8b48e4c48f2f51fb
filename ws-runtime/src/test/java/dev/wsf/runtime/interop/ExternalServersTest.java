package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.PeerProcess;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client against servers we did not write: Python websockets and Node ws, each serving the
 * interop contract (/echo with chat.v1/chat.v2 and permessage-deflate, /close/{code}).
 */
@Tag("interop")
class ExternalServersTest {
    private final WebSocketClient client = WebSocketClient.create(ClientConfig.builder().maxMessageSize(8 << 20)
            .maxFrameSize(8 << 20).build());
    private PeerProcess.Server server;

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /** Records what our client's session receives, whole messages kept as they are. */
    private static final class Recorder implements EndpointHandler {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        Object next() throws InterruptedException {
            Object e = events.poll(15, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("nothing received within 15 s");
            }
            return e;
        }

        @Override
        public void onText(Session s, String message) {
            events.add(message);
        }

        @Override
        public void onBinary(Session s, ByteBuffer message) {
            events.add(ByteBuffer.allocate(message.remaining()).put(message).flip());
        }

        @Override
        public void onPong(Session s, ByteBuffer payload) {
            events.add("pong:" + StandardCharsets.UTF_8.decode(payload));
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            events.add(reason);
        }
    }

    private Session connect(String peer, String path, Recorder recorder, ConnectOptions options) throws Exception {
        server = PeerProcess.startServer(peer.equals("python")
                ? PeerProcess.python("ws_server.py", "--max-lifetime", "120")
                : PeerProcess.node("server.mjs", "--max-lifetime", "120"));
        URI uri = URI.create("ws://127.0.0.1:" + server.port + path);
        return client.connect(uri, recorder, options).get(15, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void textAndBinaryEchoes(String peer) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, "/echo", r, ConnectOptions.defaults());
        for (String text : List.of("hello", "", "\u00e9\u4e2d\ud83d\ude00", "x".repeat(65536))) {
            s.sendText(text);
            assertEquals(text, r.next());
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] random = new byte[65536];
        new Random(5).nextBytes(random);
        for (byte[] b : List.of(new byte[0], all, random)) {
            s.sendBinary(ByteBuffer.wrap(b));
            assertEquals(ByteBuffer.wrap(b), r.next());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void largeAndFragmentedMessages(String peer) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, "/echo", r, ConnectOptions.defaults());
        byte[] big = new byte[4 << 20];
        new Random(6).nextBytes(big);
        s.sendBinary(ByteBuffer.wrap(big));
        assertEquals(ByteBuffer.wrap(big), r.next());
        String text = "wsf \u20ac ".repeat(700_000);
        s.sendText(text);
        assertEquals(text, r.next());
        s.sendText("frag", false);
        s.sendText("", false);
        s.sendText("mented", true);
        assertEquals("fragmented", r.next());
        s.sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
        s.sendBinary(ByteBuffer.wrap(new byte[] {2, 3}), true);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), r.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void pingsAreAnswered(String peer) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, "/echo", r, ConnectOptions.defaults());
        s.sendPing(ByteBuffer.wrap("wsf-ping-1".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pong:wsf-ping-1", r.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void subprotocols(String peer) throws Exception {
        Session s = connect(peer, "/echo", new Recorder(), ConnectOptions.builder().subprotocols("chat.v2", "chat.v1").build());
        assertEquals("chat.v2", s.subprotocol().orElseThrow());
        Session none = client.connect(URI.create("ws://127.0.0.1:" + server.port + "/echo"), new Recorder(),
                ConnectOptions.builder().subprotocols("unknown").build()).get(15, TimeUnit.SECONDS);
        assertTrue(none.subprotocol().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void permessageDeflateIsNegotiatedAndUsed(String peer) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, "/echo", r, ConnectOptions.defaults());
        assertEquals("permessage-deflate", s.extensions().get(0).name(), "negotiated: " + s.extensions());
        String compressible = "{\"user\":\"ann\",\"text\":\"hello room\"}\n".repeat(3000);
        for (String text : List.of(compressible, "hi", "", "\u00e9".repeat(1200))) {
            s.sendText(text);
            assertEquals(text, r.next());
        }
        s.sendBinary(ByteBuffer.wrap(compressible.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ByteBuffer.wrap(compressible.getBytes(StandardCharsets.UTF_8)), r.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void clientInitiatedClose(String peer) throws Exception {
        Recorder r = new Recorder();
        Session s = connect(peer, "/echo", r, ConnectOptions.defaults());
        s.close(new CloseReason(4000, "done")).toCompletableFuture().get(15, TimeUnit.SECONDS);
        CloseReason reason = assertInstanceOf(CloseReason.class, r.next());
        assertEquals(4000, reason.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node"})
    void serverInitiatedClose(String peer) throws Exception {
        Recorder r = new Recorder();
        connect(peer, "/close/4001", r, ConnectOptions.defaults());
        assertEquals(new CloseReason(4001, "bye"), r.next());
        Eventually.until(Duration.ofSeconds(5), () -> client.connectionCount() == 0,
                () -> "the server closed TCP and we let go; connections: " + client.connectionCount());
    }
}
