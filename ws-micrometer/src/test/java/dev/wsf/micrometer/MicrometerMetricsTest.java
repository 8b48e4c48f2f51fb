package dev.wsf.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.metrics.WebSocketMetrics.Closer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each listener call lands in its meter; tags stay bounded; the message path allocates nothing. */
class MicrometerMetricsTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

    @Test
    void closeCodesAreTheStandardOnesOrABucket() {
        Map<Integer, String> expected = new TreeMap<>(Map.of(1000, "1000", 1001, "1001", 1006, "1006",
                1011, "1011", 1015, "1015", 1016, "other", 2999, "other", 3000, "3xxx", 3999, "3xxx", 4000, "4xxx"));
        expected.putAll(Map.of(4999, "4xxx", 5000, "other", 0, "other", -1, "other", 999, "other"));
        expected.forEach((code, tag) -> assertEquals(tag, CloseCodes.tag(CloseCodes.bucket(code)), "code " + code));
        for (int code : new int[] {1000, 4001, 4002, 65535}) {
            metrics.sessionOpened("/a");
            metrics.sessionClosed("/a", code, Closer.PEER, 1_000_000);
        }
        assertEquals(2, registry.get("websocket.sessions.closed").tags("close.code", "4xxx", "closer", "peer")
                .counter().count());
        assertEquals(1, registry.get("websocket.sessions.closed").tags("close.code", "other").counter().count());
        assertEquals(3, registry.find("websocket.sessions.closed").counters().size(), "one per bucket seen");
        assertEquals(0.004, registry.get("websocket.session.duration").timer().totalTime(
                java.util.concurrent.TimeUnit.SECONDS), 1e-9);
    }

    @Test
    void everyCallLandsInItsMeter() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.connectionRefused(WebSocketMetrics.Refusal.MAX_PER_ADDRESS);
        metrics.handshake("/a", 101, 2_000_000);
        metrics.handshake("/a", 101, 4_000_000);
        metrics.handshake(WebSocketMetrics.UNMATCHED, 404, 1_000_000);
        metrics.sessionOpened("/a");
        metrics.messageReceived("/a", false, 10);
        metrics.messageReceived("/a", true, 30);
        metrics.messageSent("/a", false, 20);
        metrics.compressed("/a", 1000, 100);
        metrics.bytesRead(100);
        metrics.bytesWritten(200);
        metrics.readsPaused();
        metrics.slowConsumerClosed("/a");
        metrics.topicPublished(3);
        metrics.topicPublished(0);
        metrics.topicSkipped();
        metrics.heartbeatTimeout("/a");
        metrics.tlsHandshakeFailed();

        assertEquals(1, registry.get("websocket.connections.active").gauge().value());
        assertEquals(1, registry.get("websocket.connections.refused").tag("reason", "max_per_address").counter().count());
        assertEquals(2, registry.get("websocket.handshakes").tags("endpoint", "/a", "status", "101").timer().count());
        assertEquals(0.006, registry.get("websocket.handshakes").tags("endpoint", "/a").timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS), 1e-9);
        assertEquals(1, registry.get("websocket.handshakes").tags("endpoint", "unmatched", "status", "404").timer().count());
        assertEquals(1, registry.get("websocket.sessions.active").tag("endpoint", "/a").gauge().value());
        assertEquals(1, registry.get("websocket.messages.received").tags("endpoint", "/a", "type", "text").counter().count());
        assertEquals(1, registry.get("websocket.messages.received").tags("type", "binary").counter().count());
        assertEquals(1, registry.get("websocket.messages.sent").tags("type", "text").counter().count());
        assertEquals(40, registry.get("websocket.message.size").tag("direction", "received").summary().totalAmount());
        assertEquals(30, registry.get("websocket.message.size").tag("direction", "received").summary().max());
        assertEquals(20, registry.get("websocket.message.size").tag("direction", "sent").summary().totalAmount());
        assertEquals(1000, registry.get("websocket.compression.original").counter().count());
        assertEquals(100, registry.get("websocket.compression.compressed").counter().count());
        assertEquals(100, registry.get("websocket.bytes.read").counter().count());
        assertEquals(200, registry.get("websocket.bytes.written").counter().count());
        assertEquals(1, registry.get("websocket.reads.paused").counter().count());
        assertEquals(1, registry.get("websocket.slow.consumers").tag("endpoint", "/a").counter().count());
        assertEquals(2, registry.get("websocket.topic.published").counter().count());
        assertEquals(3, registry.get("websocket.topic.delivered").counter().count());
        assertEquals(1, registry.get("websocket.topic.skipped").counter().count());
        assertEquals(1, registry.get("websocket.heartbeat.timeouts").tag("endpoint", "/a").counter().count());
        assertEquals(1, registry.get("websocket.tls.handshake.failures").counter().count());
        assertTrue(registry.find("websocket.messages.received").tag("endpoint", "unmatched").counters().isEmpty(),
                "a handshake that matched nothing registers no session meters");
    }

    @Test
    void commonTagsAreOnEveryMeter() {
        MeterRegistry tagged = new SimpleMeterRegistry();
        MicrometerMetrics m = new MicrometerMetrics(tagged, Tags.of("server", "public"));
        m.handshake("/a", 101, 1);
        m.sessionOpened("/a");
        m.sessionClosed("/a", 1000, Closer.LOCAL, 1);
        assertTrue(tagged.getMeters().size() > 20, "server, endpoint and handshake meters");
        for (Meter meter : tagged.getMeters()) {
            assertTrue(meter.getId().getTags().contains(Tag.of("server", "public")), meter.getId().toString());
        }
    }

    @Test
    void theMessagePathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        String endpoint = new String("/chat/{room}"); // a template, as the runtime hands it: one instance
        metrics.sessionOpened(endpoint);
        long thread = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) { // the least of a few rounds: class loading, JIT, a GC in between
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 100_000; i++) {
                metrics.messageReceived(endpoint, false, 32);
                metrics.messageSent(endpoint, (i & 1) == 0, 32);
                metrics.bytesRead(40);
                metrics.bytesWritten(34);
                metrics.compressed(endpoint, 32, 20);
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertTrue(allocated < 1024, "a few bytes at most for 500,000 calls, not per call: " + allocated);
    }
}
