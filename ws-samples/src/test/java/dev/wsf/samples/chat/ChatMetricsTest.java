package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The chat sample's /metrics: Prometheus's text format, on the chat's own port, after real sessions. */
class ChatMetricsTest {
    private static final String ENDPOINT = "endpoint=\"/chat/{room}\"";

    @Test
    void metricsShowTheSessionsInPrometheusFormat() throws Exception {
        WebSocketServer server = ChatSample.start(
                ChatSample.settings().host("127.0.0.1").port(0).build(), ChatAccounts.sharedToken("t0k"));
        try {
            String url = "ws://127.0.0.1:" + server.port() + "/chat/attic?name=ann";
            try (JdkClient ann = JdkClient.connect(url, ChatEndpoint.SUBPROTOCOL, "token.t0k").skipPings()) {
                ann.nextText(); // the member list
                ann.nextText(); // her own join
                ann.send("{\"text\":\"hello\"}");
                ann.nextText(); // her own line
                String open = metrics(server);
                assertTrue(open.contains("websocket_sessions_active{" + ENDPOINT + "} 1"), open);
                assertTrue(open.contains("websocket_connections_active 2"), "the WebSocket and this request: " + open);
                assertTrue(open.contains("websocket_messages_received_total{" + ENDPOINT + ",type=\"text\"} 1"), open);
                assertTrue(open.contains("websocket_message_size_bytes_sum{direction=\"received\"," + ENDPOINT + "} 16"),
                        "the post's 16 bytes: " + open);
                assertTrue(open.contains("websocket_handshakes_seconds_count{" + ENDPOINT + ",status=\"101\"} 1"), open);
                ann.socket.sendClose(1000, "bye").join();
                ann.nextClose();
            }
            Eventually.until(Duration.ofSeconds(5),
                    () -> metrics(server).contains("websocket_sessions_active{" + ENDPOINT + "} 0"),
                    () -> "the session is still open");
            String closed = metrics(server);
            assertTrue(closed.contains(
                    "websocket_sessions_closed_total{close_code=\"1000\",closer=\"peer\"," + ENDPOINT + "} 1"), closed);
            assertTrue(closed.contains("# TYPE websocket_session_duration_seconds summary"), closed);
            assertFalse(closed.contains("attic") || closed.contains("\"ann\""), "no room, no user: " + closed);
        } finally {
            server.stop();
        }
    }

    @Test
    void thePagesAreStillServedBesideTheMetrics() throws Exception {
        WebSocketServer server = ChatSample.start(
                ChatSample.settings().host("127.0.0.1").port(0).build(), ChatAccounts.sharedToken("t0k"));
        try {
            HttpResponse<String> page = get(server, "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"chat.js\">"), page.body());
            HttpResponse<String> metrics = get(server, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    metrics.headers().firstValue("Content-Type").orElse(""));
            assertEquals(404, get(server, "/metrics/more").statusCode());
        } finally {
            server.stop();
        }
    }

    private static String metrics(WebSocketServer server) {
        try {
            HttpResponse<String> response = get(server, "/metrics");
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> get(WebSocketServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
