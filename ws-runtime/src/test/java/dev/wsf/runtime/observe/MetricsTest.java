package dev.wsf.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ConnectionLimits;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.ServerStats;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scripted scenario, and exactly what the metrics, JFR and the access log say about it. */
class MetricsTest {

    /** Counts every call, keyed by a readable description; remembers every endpoint tag. */
    static final class Counting implements WebSocketMetrics {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        final Set<String> endpoints = ConcurrentHashMap.newKeySet();

        private void add(String key, long n) {
            counts.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
        }

        long get(String key) {
            AtomicLong v = counts.get(key);
            return v == null ? 0 : v.get();
        }

        @Override
        public void connectionOpened() {
            add("connections.opened", 1);
        }

        @Override
        public void connectionClosed() {
            add("connections.closed", 1);
        }

        @Override
        public void connectionRefused(Refusal reason) {
            add("connections.refused." + reason, 1);
        }

        @Override
        public void handshake(String endpoint, int status, long durationNanos) {
            endpoints.add(endpoint);
            add("handshake." + endpoint + "." + status, 1);
        }

        @Override
        public void sessionOpened(String endpoint) {
            endpoints.add(endpoint);
            add("sessions.opened", 1);
        }

        @Override
        public void sessionClosed(String endpoint, int closeCode, Closer closer, long durationNanos) {
            endpoints.add(endpoint);
            add("sessions.closed." + closeCode + "." + closer, 1);
        }

        @Override
        public void messageReceived(String endpoint, boolean binary, long bytes) {
            add("messages.in." + (binary ? "binary" : "text"), 1);
            add("bytes.in", bytes);
        }

        @Override
        public void messageSent(String endpoint, boolean binary, long bytes) {
            add("messages.out." + (binary ? "binary" : "text"), 1);
            add("bytes.out", bytes);
        }
    }

    @Test
    void countersAreExactForAScriptedScenario(@TempDir Path dir) throws Exception {
        Counting metrics = new Counting();
        List<Session> sessions = new CopyOnWriteArrayList<>();
        EndpointDefinition chat = EndpointDefinition.builder("/chat/{room}", r -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                sessions.add(s);
            }

            @Override
            public void onText(Session s, String message) {
                s.sendText(message + "!");
            }

            @Override
            public void onBinary(Session s, ByteBuffer message) {
                s.sendBinary(message);
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        Path jfr = dir.resolve("wsf.jfr");
        WebSocketServer server;
        try (Recording recording = new Recording(); LogCapture access = LogCapture.under(AccessLog.LOGGER)) {
            recording.enable("dev.wsf.SessionOpened");
            recording.enable("dev.wsf.SessionClosed");
            recording.enable("dev.wsf.Handshake");
            recording.enable("dev.wsf.LargeMessage");
            recording.start();
            server = WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0)
                            .metrics(metrics).accessLog(true).maxMessageSize(4 << 20)
                            .limits(ConnectionLimits.builder().maxConnections(3).build()).build())
                    .endpoint(chat).build().start();
            String base = "ws://127.0.0.1:" + server.port();

            // Three sessions: closed by the client (1000), by the server (4001), and dropped (1006).
            JdkClient a = JdkClient.connect(URI.create(base + "/chat/lobby"));
            JdkClient b = JdkClient.connect(URI.create(base + "/chat/kitchen"));
            JdkClient c = JdkClient.connect(URI.create(base + "/chat/lobby"));
            a.send("hello"); // 5 bytes in, 6 out
            assertEquals("hello!", a.nextText());
            b.socket.sendBinary(ByteBuffer.allocate(2 * 1024 * 1024), true).join(); // 2 MiB: a large message
            assertEquals(2 * 1024 * 1024, b.nextBinary().remaining());

            // A fourth connection is over the limit of three: 503 at accept.
            try (RawClient over = new RawClient(server.port())) {
                assertTrue(over.readHead().startsWith("HTTP/1.1 503 "));
            }

            a.socket.sendClose(1000, "bye").join();
            a.nextClose();
            Eventually.until(Duration.ofSeconds(5), () -> sessions.size() == 3, () -> "three sessions");
            sessions.stream().filter(s -> s.pathParameters().get("room").equals("kitchen")).findFirst().orElseThrow()
                    .close(new CloseReason(4001, "done"));
            b.nextClose();
            c.socket.abort();
            Eventually.until(Duration.ofSeconds(10), () -> metrics.get("connections.closed") == 3,
                    () -> "connections closed: " + metrics.counts);

            // Refusals: an unknown path (404), a wrong version (426).
            try (RawClient r = new RawClient(server.port())) {
                r.write(UpgradeRequestBuilder.to("/nowhere").bytes());
                assertTrue(r.readHead().startsWith("HTTP/1.1 404 "));
            }
            try (RawClient r = new RawClient(server.port())) {
                r.write(UpgradeRequestBuilder.to("/chat/x").header("Sec-WebSocket-Version", "8").bytes());
                assertTrue(r.readHead().startsWith("HTTP/1.1 426 "));
            }
            Eventually.until(Duration.ofSeconds(10), () -> metrics.get("connections.closed") == 5,
                    () -> "connections closed: " + metrics.counts);
            recording.stop();
            recording.dump(jfr);
            server.stop();

            assertEquals(5, metrics.get("connections.opened"), "the refused one never opened");
            assertEquals(1, metrics.get("connections.refused.MAX_CONNECTIONS"));
            assertEquals(3, metrics.get("handshake./chat/{room}.101"));
            assertEquals(1, metrics.get("handshake.unmatched.404"));
            assertEquals(1, metrics.get("handshake./chat/{room}.426"));
            assertEquals(3, metrics.get("sessions.opened"));
            assertEquals(1, metrics.get("sessions.closed.1000.PEER"), metrics.counts.toString());
            assertEquals(1, metrics.get("sessions.closed.4001.LOCAL"), metrics.counts.toString());
            assertEquals(1, metrics.get("sessions.closed.1006.NEITHER"), metrics.counts.toString());
            assertEquals(1, metrics.get("messages.in.text"));
            assertEquals(1, metrics.get("messages.in.binary"));
            assertEquals(5 + 2 * 1024 * 1024, metrics.get("bytes.in"));
            assertEquals(6 + 2 * 1024 * 1024, metrics.get("bytes.out"));
            assertEquals(Set.of("/chat/{room}", WebSocketMetrics.UNMATCHED), metrics.endpoints,
                    "templates only, never a request path or a session");

            List<String> lines = access.messagesAtLeast(Level.INFO);
            assertEquals(5, lines.size(), "three upgrades and two refusals: " + lines);
            assertTrue(lines.get(0).matches("\\S+Z 127\\.0\\.0\\.1:\\d+ \"GET /chat/lobby\" 101 - - [\\d.]+ms session=\\d+"),
                    lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"GET /nowhere\" 404 - - ") && l.endsWith(" -")), lines.toString());
        }

        ServerStats stats = server.stats();
        List<String> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            events.add(e.getEventType().getName() + (e.hasField("closeCode") ? " " + e.getInt("closeCode") : "")
                    + (e.hasField("size") ? " " + e.getLong("size") : ""));
        }
        assertEquals(3, events.stream().filter(e -> e.equals("dev.wsf.SessionOpened")).count(), events.toString());
        assertTrue(events.containsAll(List.of("dev.wsf.SessionClosed 1000", "dev.wsf.SessionClosed 4001",
                "dev.wsf.SessionClosed 1006")), events.toString());
        assertEquals(2, events.stream().filter(e -> e.equals("dev.wsf.LargeMessage " + 2 * 1024 * 1024)).count(),
                "received and sent: " + events);
        assertEquals(5, events.stream().filter(e -> e.startsWith("dev.wsf.Handshake")).count(), events.toString());
        assertEquals(0, stats.connections());
    }

    @Test
    void serverTotalsAndSessionSnapshotsCountEveryMessageOnce() throws Exception {
        List<Session> sessions = new CopyOnWriteArrayList<>();
        WebSocketServer server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).build())
                .endpoint(EndpointDefinition.builder("/echo", r -> new EndpointHandler() {
                    @Override
                    public void onOpen(Session s) {
                        sessions.add(s);
                    }

                    @Override
                    public void onText(Session s, String message) {
                        s.sendText(message);
                    }
                }).build()).build().start();
        try {
            try (JdkClient one = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
                for (int i = 0; i < 10; i++) {
                    one.send("0123456789");
                    one.nextText();
                }
                assertEquals(new dev.wsf.api.SessionStats(10, 10, 100, 100, 0), sessions.get(0).stats());
            }
            Eventually.until(Duration.ofSeconds(5), () -> server.stats().openSessions() == 0, () -> "still open");
            try (JdkClient two = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
                two.send("xy");
                two.nextText();
                ServerStats s = server.stats();
                assertEquals(1, s.openSessions());
                assertEquals(2, s.sessionsOpened());
                assertEquals(11, s.messagesReceived(), "ended sessions and open ones, each once");
                assertEquals(102, s.bytesSent());
            }
        } finally {
            server.stop();
        }
    }
}
