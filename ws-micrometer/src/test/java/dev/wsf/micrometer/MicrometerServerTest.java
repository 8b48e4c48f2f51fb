package dev.wsf.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectionLimits;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A scripted scenario against a real server (and a client) reporting to a
 * {@link SimpleMeterRegistry}: which meters exist afterwards, with which tags and counts.
 */
class MicrometerServerTest {
    private static final String TEMPLATE = "/chat/{room}";
    private static final int LARGE = 64 * 1024;

    @Test
    void metersCountAScriptedScenarioWithBoundedTags() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        List<Session> sessions = new CopyOnWriteArrayList<>();
        EndpointDefinition chat = EndpointDefinition.builder(TEMPLATE, r -> new EndpointHandler() {
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
        WebSocketServer server = WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0)
                        .metrics(new MicrometerMetrics(registry))
                        .limits(ConnectionLimits.builder().maxConnections(3).build()).build())
                .endpoint(chat).build().start();
        try {
            String base = "ws://127.0.0.1:" + server.port();
            // Three sessions: closed by the client (1000), by the server (4001), and dropped (1006).
            JdkClient a = JdkClient.connect(URI.create(base + "/chat/lobby"));
            JdkClient b = JdkClient.connect(URI.create(base + "/chat/kitchen"));
            JdkClient c = JdkClient.connect(URI.create(base + "/chat/lobby"));
            Eventually.until(Duration.ofSeconds(5), () -> sessions.size() == 3, () -> "three sessions");
            assertEquals(3, value(registry, "websocket.sessions.active", TEMPLATE), "all three open");
            assertEquals(3, value(registry, "websocket.connections.active", null));

            a.send("hello"); // 5 bytes in, 6 out
            assertEquals("hello!", a.nextText());
            b.socket.sendBinary(ByteBuffer.allocate(LARGE), true).join();
            assertEquals(LARGE, b.nextBinary().remaining());

            // A fourth connection is over the limit of three: 503 at accept.
            try (Socket over = new Socket("127.0.0.1", server.port())) {
                assertTrue(head(over).startsWith("HTTP/1.1 503 "));
            }

            a.socket.sendClose(1000, "bye").join();
            a.nextClose();
            sessions.stream().filter(s -> s.pathParameters().get("room").equals("kitchen")).findFirst().orElseThrow()
                    .close(new CloseReason(4001, "done"));
            b.nextClose();
            c.socket.abort();
            Eventually.until(Duration.ofSeconds(10), () -> value(registry, "websocket.connections.active", null) == 0,
                    () -> "connections still open: " + dump(registry));

            // Refusals: an unknown path (404), a wrong version (426).
            assertTrue(upgrade(server.port(), "/nowhere", "13").startsWith("HTTP/1.1 404 "));
            assertTrue(upgrade(server.port(), "/chat/x", "8").startsWith("HTTP/1.1 426 "));
            Eventually.until(Duration.ofSeconds(10), () -> timerCount(registry, "unmatched", "404") == 1
                            && timerCount(registry, TEMPLATE, "426") == 1
                            && value(registry, "websocket.connections.active", null) == 0,
                    () -> "refusals not counted: " + dump(registry));
        } finally {
            server.stop();
        }

        assertEquals(1, registry.get("websocket.connections.refused").tag("reason", "max_connections").counter().count());
        assertEquals(0, registry.get("websocket.connections.refused").tag("reason", "max_per_address").counter().count());
        assertEquals(3, timerCount(registry, TEMPLATE, "101"));
        assertEquals(0, value(registry, "websocket.sessions.active", TEMPLATE));
        assertEquals(1, closed(registry, "1000", "peer"), dump(registry));
        assertEquals(1, closed(registry, "4xxx", "local"), "4001 is bucketed: " + dump(registry));
        assertEquals(1, closed(registry, "1006", "neither"), dump(registry));
        assertEquals(3, registry.get("websocket.session.duration").tag("endpoint", TEMPLATE).timer().count());
        assertEquals(1, messages(registry, "received", "text"));
        assertEquals(1, messages(registry, "received", "binary"));
        assertEquals(1, messages(registry, "sent", "text"));
        assertEquals(1, messages(registry, "sent", "binary"));
        assertEquals(2, size(registry, "received").count());
        assertEquals(5 + LARGE, size(registry, "received").totalAmount());
        assertEquals(6 + LARGE, size(registry, "sent").totalAmount());
        assertEquals(LARGE, size(registry, "sent").max());
        double read = registry.get("websocket.bytes.read").counter().count();
        double written = registry.get("websocket.bytes.written").counter().count();
        assertTrue(read > 5 + LARGE && read < 5 + LARGE + 4096, "frames, masks and handshakes: " + read);
        assertTrue(written > 6 + LARGE && written < 6 + LARGE + 4096, "frames and handshakes: " + written);
        assertEquals("bytes", registry.get("websocket.bytes.read").counter().getId().getBaseUnit());

        assertTagsAreBounded(registry, Set.of(TEMPLATE, "unmatched"));
    }

    @Test
    void compressionTopicsHeartbeatsAndAClientAreCounted() throws Exception {
        MeterRegistry serverMeters = new SimpleMeterRegistry();
        MeterRegistry clientMeters = new SimpleMeterRegistry();
        EndpointDefinition news = EndpointDefinition.builder("/news", r -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.subscribe("headlines");
            }

            @Override
            public void onText(Session s, String message) {
                s.topics().publish("headlines", message);
            }
        }).build();
        WebSocketServer server = WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0)
                        .metrics(new MicrometerMetrics(serverMeters))
                        // a timeout generous enough for a loaded machine: the clients answer, the mute peer not
                        .heartbeatInterval(Duration.ofMillis(200)).heartbeatTimeout(Duration.ofSeconds(2)).build())
                .endpoint(news).build().start();
        try (WebSocketClient client = WebSocketClient.create(ClientConfig.builder()
                .metrics(new MicrometerMetrics(clientMeters)).build())) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session one = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/news"), new EndpointHandler() {
                @Override
                public void onText(Session s, String message) {
                    received.add(message);
                }
            }).get(5, TimeUnit.SECONDS);
            Session two = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/news"), new EndpointHandler() {
                @Override
                public void onText(Session s, String message) {
                    received.add(message);
                }
            }).get(5, TimeUnit.SECONDS);
            Eventually.until(Duration.ofSeconds(5), () -> value(serverMeters, "websocket.sessions.active", "/news") == 2,
                    () -> "two sessions: " + dump(serverMeters));
            String headline = "wsf counts its messages in Micrometer; ".repeat(100); // compressible, over the threshold
            one.sendText(headline);
            for (int i = 0; i < 2; i++) {
                assertEquals(headline, received.poll(5, TimeUnit.SECONDS), "both subscribers");
            }

            // A peer that upgrades, then never answers a ping: dropped by the heartbeat.
            try (Socket mute = new Socket("127.0.0.1", server.port())) {
                mute.getOutputStream().write(request("/news", "13"));
                assertTrue(head(mute).startsWith("HTTP/1.1 101 "));
                Eventually.until(Duration.ofSeconds(10),
                        () -> count(serverMeters, "websocket.heartbeat.timeouts", "/news") == 1,
                        () -> "no heartbeat timeout: " + dump(serverMeters));
            }
            one.close();
            two.close();
            Eventually.until(Duration.ofSeconds(5), () -> value(serverMeters, "websocket.sessions.active", "/news") == 0
                    && value(clientMeters, "websocket.sessions.active", "client") == 0, () -> dump(serverMeters));
        } finally {
            server.stop();
        }

        assertEquals(1, serverMeters.get("websocket.topic.published").counter().count());
        assertEquals(2, serverMeters.get("websocket.topic.delivered").counter().count());
        assertEquals(0, serverMeters.get("websocket.topic.skipped").counter().count());
        assertEquals(0, serverMeters.get("websocket.messages.sent").tags("endpoint", "/news", "type", "text")
                .counter().count(), "topic deliveries are counted by websocket.topic.delivered, not here");
        int headline = "wsf counts its messages in Micrometer; ".length() * 100;
        double original = count(serverMeters, "websocket.compression.original", "/news");
        double compressed = count(serverMeters, "websocket.compression.compressed", "/news");
        // With context takeover (the client's offer), each subscriber's deflater compresses the headline.
        assertEquals(2 * headline, original, "the headline, compressed for each subscriber: " + dump(serverMeters));
        assertTrue(compressed > 0 && compressed < original / 10, compressed + " of " + original);

        assertEquals(1, clientMeters.get("websocket.messages.sent").tags("endpoint", "client", "type", "text")
                .counter().count());
        assertEquals(2, clientMeters.get("websocket.messages.received").tags("endpoint", "client", "type", "text")
                .counter().count());
        assertEquals(2, clientMeters.get("websocket.sessions.closed").tags("endpoint", "client", "closer", "local")
                .counter().count());
        assertTagsAreBounded(serverMeters, Set.of("/news"));
        assertTagsAreBounded(clientMeters, Set.of("client"));
    }

    /** Every tag of every meter has one of a few known values: no path, no session id, no topic. */
    private static void assertTagsAreBounded(MeterRegistry registry, Set<String> endpoints) {
        Set<String> closeCodes = new TreeSet<>(Set.of("3xxx", "4xxx", "other"));
        for (int code = 1000; code <= 1015; code++) {
            closeCodes.add(Integer.toString(code));
        }
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            assertTrue(id.getName().startsWith("websocket."), id.toString());
            for (Tag tag : id.getTags()) {
                boolean known = switch (tag.getKey()) {
                    case "endpoint" -> endpoints.contains(tag.getValue());
                    case "status" -> tag.getValue().matches("[1-5]\\d\\d");
                    case "close.code" -> closeCodes.contains(tag.getValue());
                    case "closer" -> Set.of("local", "peer", "neither").contains(tag.getValue());
                    case "type" -> Set.of("text", "binary").contains(tag.getValue());
                    case "direction" -> Set.of("received", "sent").contains(tag.getValue());
                    case "reason" -> Set.of("max_connections", "max_per_address", "max_handshakes")
                            .contains(tag.getValue());
                    default -> false;
                };
                if (!known) {
                    fail("unbounded or unknown tag " + tag + " on " + id);
                }
            }
        }
    }

    private static double value(MeterRegistry registry, String gauge, String endpoint) {
        return (endpoint == null ? registry.get(gauge) : registry.get(gauge).tag("endpoint", endpoint)).gauge().value();
    }

    private static double count(MeterRegistry registry, String counter, String endpoint) {
        return registry.get(counter).tag("endpoint", endpoint).counter().count();
    }

    private static long timerCount(MeterRegistry registry, String endpoint, String status) {
        return registry.find("websocket.handshakes").tags("endpoint", endpoint, "status", status).timers().stream()
                .mapToLong(t -> t.count()).sum();
    }

    private static double closed(MeterRegistry registry, String code, String closer) {
        return registry.get("websocket.sessions.closed")
                .tags("endpoint", TEMPLATE, "close.code", code, "closer", closer).counter().count();
    }

    private static double messages(MeterRegistry registry, String direction, String type) {
        return registry.get("websocket.messages." + direction).tags("endpoint", TEMPLATE, "type", type).counter().count();
    }

    private static io.micrometer.core.instrument.DistributionSummary size(MeterRegistry registry, String direction) {
        return registry.get("websocket.message.size").tags("endpoint", TEMPLATE, "direction", direction).summary();
    }

    private static String dump(MeterRegistry registry) {
        StringBuilder out = new StringBuilder();
        for (Meter m : registry.getMeters()) {
            out.append('\n').append(m.getId().getName()).append(m.getId().getTags()).append(' ');
            m.measure().forEach(ms -> out.append(ms.getStatistic()).append('=').append(ms.getValue()).append(' '));
        }
        return out.toString();
    }

    private static String upgrade(int port, String path, String version) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request(path, version));
            return head(s);
        }
    }

    private static byte[] request(String path, String version) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: " + version + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The response head, up to the blank line. */
    private static String head(Socket s) throws IOException {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
