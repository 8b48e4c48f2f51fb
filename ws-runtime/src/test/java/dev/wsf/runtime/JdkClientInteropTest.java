package dev.wsf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.testkit.JdkClient;
import dev.wsf.runtime.testing.RecordingHandler;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our server against the JDK's java.net.http.WebSocket client, in both dispatch modes. */
class JdkClientInteropTest {
    private WebSocketServer server;
    private final LinkedBlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();

    private URI start(Dispatch dispatch) {
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).build())
                .endpoint(EndpointDefinition.builder("/echo", request -> {
                    RecordingHandler h = new RecordingHandler(true);
                    handlers.add(h);
                    return h;
                }).dispatch(dispatch).build())
                .build().start();
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void echoesText(Dispatch dispatch) throws Exception {
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            for (String s : new String[] {"hello", "", "h\u00e9llo w\u00f6rld \ud83d\ude00", "x".repeat(70_000)}) {
                client.socket.sendText(s, true).join();
                assertEquals(s, client.nextText());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void echoesBinaryOfEverySizeClass(Dispatch dispatch) throws Exception {
        Random random = new Random(1);
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            for (int size : new int[] {0, 1, 125, 126, 1024, 1025, 65535, 65536, 200_000}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                client.socket.sendBinary(ByteBuffer.wrap(data), true).join();
                assertEquals(ByteBuffer.wrap(data), client.nextBinary(), "size " + size);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void echoesOneMebibyteMessages(Dispatch dispatch) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(2).nextBytes(data);
        String text = "0123456789abcdef".repeat(1 << 16);
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            client.socket.sendBinary(ByteBuffer.wrap(data), true).join();
            assertEquals(ByteBuffer.wrap(data), client.nextBinary());
            client.socket.sendText(text, true).join();
            assertEquals(text, client.nextText());
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void answersPingsAndSeesPongs(Dispatch dispatch) throws Exception {
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            RecordingHandler h = handlers.take();
            assertEquals("open", h.next());
            client.socket.sendPing(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8))).join();
            JdkClient.Pong pong = assertInstanceOf(JdkClient.Pong.class, client.next());
            assertEquals("abc", StandardCharsets.UTF_8.decode(pong.payload()).toString());
            assertEquals("ping:3", h.next());

            h.session.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})).toCompletableFuture().join();
            assertInstanceOf(JdkClient.Ping.class, client.next());
            assertEquals("pong:4", h.next(), "the JDK client answers our ping");
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void clientInitiatedClose(Dispatch dispatch) throws Exception {
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            RecordingHandler h = handlers.take();
            assertEquals("open", h.next());
            client.socket.sendClose(4000, "done").join();
            assertEquals("close:4000 done", h.next());
            assertEquals(new JdkClient.Closed(4000, "done"), client.nextClose());
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void serverInitiatedClose(Dispatch dispatch) throws Exception {
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            RecordingHandler h = handlers.take();
            assertEquals("open", h.next());
            h.session.close(new CloseReason(4001, "bye"));
            assertEquals(new JdkClient.Closed(4001, "bye"), client.nextClose());
            // The JDK client answers by itself, echoing the code.
            assertEquals("close:4001", h.next());
        }
    }

    /** Many messages in flight: several arrive per read and are echoed from the read buffer. */
    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void echoesPipelinedBinaryIntact(Dispatch dispatch) throws Exception {
        Random random = new Random(3);
        List<byte[]> sent = new ArrayList<>();
        try (JdkClient client = JdkClient.connect(start(dispatch))) {
            for (int i = 0; i < 200; i++) {
                byte[] data = new byte[1025 + random.nextInt(40_000)];
                random.nextBytes(data);
                sent.add(data);
                client.socket.sendBinary(ByteBuffer.wrap(data), true).join(); // sent, not echoed: pipelined
            }
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(ByteBuffer.wrap(sent.get(i)), client.nextBinary(), "message " + i);
            }
        }
    }

    /**
     * A message sent on to another connection, from the I/O thread: its bytes are in the loop's
     * read buffer, which the other connection's reads (same loop) overwrite before the end of the
     * loop's round, when the message would be written.
     */
    @Test
    void aMessageSentOnToAnotherConnectionArrivesIntact() throws Exception {
        List<Session> sessions = new CopyOnWriteArrayList<>();
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build())
                .endpoint(EndpointDefinition.builder("/relay", request -> new EndpointHandler() {
                    @Override
                    public void onOpen(Session session) {
                        sessions.add(session);
                    }

                    @Override
                    public void onBinary(Session session, ByteBuffer message) {
                        for (Session other : sessions) {
                            if (other != session) {
                                other.sendBinary(message);
                            }
                        }
                    }
                }).dispatch(Dispatch.IO_THREAD).build())
                .build().start();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/relay");
        try (JdkClient a = JdkClient.connect(uri); JdkClient b = JdkClient.connect(uri)) {
            for (int i = 0; i < 100 && sessions.size() < 2; i++) {
                Thread.sleep(20);
            }
            List<byte[]> fromA = new ArrayList<>();
            List<byte[]> fromB = new ArrayList<>();
            Random random = new Random(4);
            for (int i = 0; i < 100; i++) {
                for (List<byte[]> list : List.of(fromA, fromB)) {
                    byte[] data = new byte[1025 + random.nextInt(20_000)];
                    random.nextBytes(data);
                    list.add(data);
                }
                var sentByA = a.socket.sendBinary(ByteBuffer.wrap(fromA.get(i)), true);
                b.socket.sendBinary(ByteBuffer.wrap(fromB.get(i)), true).join();
                sentByA.join();
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(ByteBuffer.wrap(fromA.get(i)), b.nextBinary(), "A's message " + i);
                assertEquals(ByteBuffer.wrap(fromB.get(i)), a.nextBinary(), "B's message " + i);
            }
        }
    }
}
