package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.TopicStats;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.extension.deflate.DeflateSettings;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.PeerProcess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A topic's messages, compressed once, inflated by clients we did not write: Python websockets
 * and Node ws subscribe (their {@code subscribe} scenario, interop/README.md) and print what they
 * received, which must be exactly what was published.
 *
 * <p>Two servers. The lean one grants {@code server_no_context_takeover} unasked (RFC 7692
 * 7.1.1.1), so a published message is compressed once per set of terms and every deflate
 * subscriber gets the same frame; there a client asking for a 10-bit window gets a second shared
 * frame, and one offering no deflate the plain one. The other server keeps its compression
 * context, so each of its subscribers compresses for itself. They cannot be one server: the
 * grant is server-wide, and neither peer can decline it (a client must accept
 * {@code server_no_context_takeover} it did not ask for), so no client of the lean server keeps
 * context. Needs {@code bash .ci/install-test-deps}.
 */
@Tag("interop")
class TopicsCompressOnceInteropTest {
    private static final String TOPIC = "prices";

    /** A subscriber: its command line, and what its negotiated extension must (not) say. */
    private record Subscriber(String name, List<String> command, String mustSay, String mustNotSay) {
    }

    @Test
    void everySubscriberInflatesExactlyWhatWasPublished() throws Exception {
        List<String> published = messages();
        WebSocketServer lean = server(DeflateSettings.builder().serverNoContextTakeover(true).build());
        WebSocketServer keeping = server(DeflateSettings.defaults());
        ExecutorService peers = Executors.newCachedThreadPool();
        try {
            String count = Integer.toString(published.size());
            String leanUrl = "ws://127.0.0.1:" + lean.port();
            String keepingUrl = "ws://127.0.0.1:" + keeping.port();
            List<Subscriber> onLean = List.of(
                    new Subscriber("python, lean", PeerProcess.python("ws_client.py", leanUrl, "subscribe", "--count", count),
                            "server_no_context_takeover", null),
                    new Subscriber("node, lean", PeerProcess.node("client.mjs", leanUrl, "subscribe", "--count", count),
                            "server_no_context_takeover", null),
                    new Subscriber("python, lean, 10-bit window", PeerProcess.python("ws_client.py", leanUrl, "subscribe",
                            "--count", count, "--server-max-window-bits", "10"), "server_max_window_bits=10", null),
                    new Subscriber("node, lean, 10-bit window", PeerProcess.node("client.mjs", leanUrl, "subscribe",
                            "--count", count, "--server-max-window-bits", "10"), "server_max_window_bits=10", null),
                    new Subscriber("node, no deflate", PeerProcess.node("client.mjs", leanUrl, "subscribe", "--count", count,
                            "--deflate", "0"), null, "permessage-deflate"));
            List<Subscriber> onKeeping = List.of(
                    new Subscriber("python, context takeover", PeerProcess.python("ws_client.py", keepingUrl, "subscribe",
                            "--count", count), "permessage-deflate", "server_no_context_takeover"),
                    new Subscriber("node, context takeover", PeerProcess.node("client.mjs", keepingUrl, "subscribe",
                            "--count", count), "permessage-deflate", "server_no_context_takeover"));
            List<Subscriber> all = new ArrayList<>(onLean);
            all.addAll(onKeeping);
            List<Future<PeerProcess.Result>> results = new ArrayList<>();
            for (Subscriber s : all) {
                results.add(peers.submit(() -> PeerProcess.run(s.command(), 120)));
            }
            Eventually.until(Duration.ofSeconds(90), () -> lean.topics().subscriberCount(TOPIC) == onLean.size()
                    && keeping.topics().subscriberCount(TOPIC) == onKeeping.size(), () -> "every peer subscribed: "
                    + lean.topics().subscriberCount(TOPIC) + " + " + keeping.topics().subscriberCount(TOPIC));
            for (String m : published) {
                assertEquals(onLean.size(), lean.topics().publish(TOPIC, m));
                assertEquals(onKeeping.size(), keeping.topics().publish(TOPIC, m));
            }

            for (int i = 0; i < all.size(); i++) {
                check(all.get(i), results.get(i).get(150, TimeUnit.SECONDS), published);
            }
            int n = published.size();
            for (WebSocketServer server : List.of(lean, keeping)) {
                TopicStats stats = server.topics().stats(TOPIC);
                int subscribers = server == lean ? onLean.size() : onKeeping.size();
                assertEquals(List.of((long) n, (long) n * subscribers, 0L),
                        List.of(stats.published(), stats.delivered(), stats.skipped()), stats.toString());
            }
        } finally {
            peers.shutdownNow();
            lean.stop();
            keeping.stop();
        }
    }

    /** {@code /subscribe}: subscribes to the topic, nothing else. */
    private static WebSocketServer server(DeflateSettings deflate) {
        EndpointDefinition subscribe = EndpointDefinition.builder("/subscribe", request -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.subscribe(TOPIC);
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .discoverExtensions(false).extensions(new PerMessageDeflateFactory(deflate)).build();
        WebSocketServer server = WebSocketServer.builder().config(config).endpoints(List.of(subscribe)).build().start();
        // Never skip here (the default skips past 256 KiB); a topic with a policy also keeps its counters.
        server.topics().policy(TOPIC, SlowConsumerPolicy.skip(64 << 20));
        return server;
    }

    /**
     * Compressible JSON of a few sizes: under the 64-byte threshold (sent uncompressed), 1 KiB,
     * 64 KiB, the 1 KiB one again (with context takeover the copy compresses to a back-reference;
     * without, to what it did the first time), and multi-byte UTF-8.
     */
    private static List<String> messages() {
        String small = "{\"symbol\":\"ACME\",\"price\":42.5}";
        String kib = json(1024, 0);
        String utf8 = "{\"note\":\"" + "h\u00e9llo w\u00f6rld \u2192 \u2713 \ud83d\ude00 ".repeat(40) + "\"}";
        return List.of(small, kib, json(64 * 1024, 1), kib, utf8, json(64 * 1024, 2));
    }

    /** A JSON array of quotes of exactly {@code bytes} bytes. */
    private static String json(int bytes, int seed) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; b.length() < bytes - 64; i++) {
            b.append(i == 0 ? "" : ",").append("{\"symbol\":\"SYM").append(i % 50).append("\",\"price\":")
                    .append(100 + (i * 7 + seed) % 97).append('.').append((i * 13 + seed) % 100).append('}');
        }
        b.append(",\"").append("x".repeat(bytes - b.length() - 2)).append("\"]");
        assertEquals(bytes, b.toString().getBytes(StandardCharsets.UTF_8).length);
        return b.toString();
    }

    private static void check(Subscriber s, PeerProcess.Result result, List<String> published) throws Exception {
        String where = s.name() + ": " + result.lines().stream().map(l -> l.length() > 300 ? l.substring(0, 300) : l).toList();
        assertEquals(0, result.exitCode(), where);
        assertTrue(result.last().contains("\"done\":true") && result.last().contains("\"ok\":true"), where);
        String subscribed = result.lines().stream().filter(l -> l.contains("\"step\":\"subscribed\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no subscribed line: " + where));
        String header = field(subscribed, "extensionsHeader");
        if (s.mustSay() != null) {
            assertNotNull(header, where);
            assertTrue(header.contains(s.mustSay()), s.name() + " negotiated " + header);
        }
        if (s.mustNotSay() != null) {
            assertFalse(header != null && header.contains(s.mustNotSay()), s.name() + " negotiated " + header);
        }
        // Node also counts the bytes on its socket: fewer than in the messages means they came compressed.
        String wire = result.lines().stream().filter(l -> l.contains("\"info\":\"wire-bytes\"")).findFirst().orElse(null);
        if (wire != null) {
            long payload = Long.parseLong(number(wire, "payloadBytes"));
            long onSocket = Long.parseLong(number(wire, "received"));
            assertEquals(header != null, onSocket < payload / 2, s.name() + ": " + wire);
        }
        System.out.println("TopicsCompressOnceInteropTest: " + s.name() + " negotiated " + header
                + (wire == null ? "" : "; " + number(wire, "received") + " bytes on the socket for "
                + number(wire, "payloadBytes") + " of messages"));
        List<String> received = result.lines().stream().filter(l -> l.contains("\"step\":\"message\"")).toList();
        assertEquals(published.size(), received.size(), where);
        for (int i = 0; i < published.size(); i++) {
            String line = received.get(i);
            byte[] sent = published.get(i).getBytes(StandardCharsets.UTF_8);
            assertEquals(Integer.toString(i), number(line, "index"), line);
            assertEquals("text", field(line, "type"), line);
            assertEquals(Integer.toString(sent.length), number(line, "bytes"), s.name() + ", message " + i + ": " + line);
            assertEquals(sha256(sent), field(line, "sha256"), s.name() + ", message " + i + ": " + line);
        }
    }

    /** A string field of a JSON line (null if absent or null): the peers print no escapes in these. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
