package dev.wsf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour that needs real sockets: shutdown, isolation between sessions, slow peers, scale. */
class ServerLifecycleTest {
    private WebSocketServer server;

    private WebSocketServer start(ServerConfig.Builder config, EndpointDefinition... endpoints) {
        server = WebSocketServer.builder().config(config.host("127.0.0.1").port(0).build())
                .endpoints(List.of(endpoints)).build().start();
        return server;
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void gracefulShutdownSends1001ToEverySession() throws Exception {
        start(ServerConfig.builder(), EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).build());
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(JdkClient.connect(uri("/echo")));
        }
        long start = System.nanoTime();
        server.stop(Duration.ofSeconds(5));
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (JdkClient c : clients) {
            assertEquals(new JdkClient.Closed(1001, "server shutting down"), c.nextClose());
        }
        assertTrue(millis < 4000, "the clients answered, so stop() did not wait out its grace period: " + millis + " ms");
        assertEquals(0, server.connectionCount());
        server = null;
    }

    @Test
    void aBlockedWorkerCallbackDoesNotStallOtherSessions() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EndpointDefinition slow = EndpointDefinition.builder("/slow", r -> new EndpointHandler() {
            @Override
            public void onText(Session s, String m) {
                try {
                    release.await(10, TimeUnit.SECONDS); // a blocking call, e.g. a database
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.sendTextAndAwait("late " + m); // blocking sends are fine on a worker
            }
        }).dispatch(Dispatch.WORKER).build();
        start(ServerConfig.builder().ioThreads(1), slow,
                EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).build());
        try (JdkClient blocked = JdkClient.connect(uri("/slow")); JdkClient other = JdkClient.connect(uri("/echo"))) {
            blocked.socket.sendText("a", true).join();
            for (int i = 0; i < 20; i++) {
                other.socket.sendText("ping " + i, true).join();
                assertEquals("ping " + i, other.nextText());
            }
            release.countDown();
            assertEquals("late a", blocked.nextText());
        }
    }

    @Test
    void aPeerThatStopsReadingIsCutOffAndOthersCarryOn() throws Exception {
        EndpointDefinition flood = EndpointDefinition.builder("/flood", r -> new EndpointHandler() {
            @Override
            public void onText(Session s, String m) {
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                for (int i = 0; i < 200 && s.isOpen(); i++) {
                    s.sendBinary(chunk.duplicate());
                }
            }
        }).dispatch(Dispatch.WORKER).build();
        start(ServerConfig.builder().maxBufferedOutput(1 << 20).closeTimeout(Duration.ofMillis(500)), flood,
                EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).build());
        try (RawClient sleeper = RawClient.upgraded(server.port(), "/flood");
             JdkClient other = JdkClient.connect(uri("/echo"))) {
            sleeper.socket.setReceiveBufferSize(4096);
            sleeper.write(RawFrame.text("go").bytes()); // and never read again
            other.socket.sendText("still here", true).join();
            assertEquals("still here", other.nextText(), "served while the flood backs up");
            Eventually.until(Duration.ofSeconds(10), () -> server.connectionCount() <= 1,
                    () -> "the sleeper's connection closed; connections: " + server.connectionCount());
            assertEquals(1, server.connectionCount(), "the sleeper's connection was closed");
            other.socket.sendText("still here", true).join();
            assertEquals("still here", other.nextText(), "served after the sleeper was cut off");
        }
    }

    @Test
    void manyConnectionsShareAFewThreads() throws Exception {
        start(ServerConfig.builder().ioThreads(2),
                EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).dispatch(Dispatch.IO_THREAD).build());
        int threadsBefore = Thread.activeCount();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                clients.add(RawClient.upgraded(server.port(), "/echo"));
            }
            assertEquals(300, server.connectionCount());
            assertTrue(Thread.activeCount() - threadsBefore < 10, "no thread per connection");
            for (RawClient c : clients) {
                c.write(RawFrame.text("hi").bytes());
            }
            for (RawClient c : clients) {
                byte[] reply = new byte[4];
                c.socket.getInputStream().readNBytes(reply, 0, 4);
                assertEquals("hi", new String(reply, 2, 2));
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aBadHandshakeOnARealSocketGetsItsStatusAndTheServerServesOthers() throws Exception {
        start(ServerConfig.builder(), EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).build());
        try (RawClient bad = new RawClient(server.port())) {
            bad.write(UpgradeRequestBuilder.to("/echo").header("Sec-WebSocket-Version", "8").bytes());
            String head = bad.readHead();
            assertTrue(head.startsWith("HTTP/1.1 426"), head);
            assertTrue(head.contains("Sec-WebSocket-Version: 13"), head);
            bad.readUntilClosed();
        }
        try (JdkClient good = JdkClient.connect(uri("/echo"))) {
            good.socket.sendText("ok", true).join();
            assertEquals("ok", good.nextText());
        }
    }

    @Test
    void malformedFramesCloseWithTheirCodeOverARealSocket() throws Exception {
        start(ServerConfig.builder(), EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).build());
        try (RawClient c = RawClient.upgraded(server.port(), "/echo")) {
            c.write(RawFrame.text("unmasked").unmasked().bytes());
            assertEquals(List.of("CLOSE 1002 client frame is not masked"), c.readFramesUntilClosed());
        }
        Eventually.until(Duration.ofSeconds(10), () -> server.connectionCount() == 0,
                () -> "nothing left open; connections: " + server.connectionCount());
    }
}
