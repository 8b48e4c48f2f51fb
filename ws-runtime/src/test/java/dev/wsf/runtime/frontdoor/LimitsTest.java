package dev.wsf.runtime.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.config.ConnectionLimits;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import dev.wsf.testkit.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection limits, forwarded addresses and the PROXY protocol, with raw sockets. */
class LimitsTest {
    private WebSocketServer server;
    private final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(ConnectionLimits limits) {
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                opened.add(s);
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).limits(limits).build())
                .endpoint(echo).build().start();
    }

    private RawClient upgraded() throws IOException {
        RawClient c = new RawClient(server.port());
        c.write(UpgradeRequestBuilder.to("/echo").bytes());
        assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
        return c;
    }

    @Test
    void overTheLimitConnectionsGet503WithRetryAfterUntilOthersClose() throws Exception {
        start(ConnectionLimits.builder().maxConnections(2).retryAfter(Duration.ofSeconds(7)).build());
        RawClient a = upgraded();
        try (RawClient b = upgraded(); RawClient c = new RawClient(server.port())) {
            String head = c.readHead(); // answered before it even sends its request
            assertTrue(head.startsWith("HTTP/1.1 503 "), head);
            assertTrue(head.contains("Retry-After: 7"), head);
        }
        a.close();
        Eventually.until(Duration.ofSeconds(5), () -> server.connectionCount() == 0, () -> "connections left");
        upgraded().close(); // room again
    }

    @Test
    void perAddressLimit() throws Exception {
        start(ConnectionLimits.builder().maxConnectionsPerAddress(1).build());
        try (RawClient a = upgraded(); RawClient b = new RawClient(server.port())) {
            assertTrue(b.readHead().startsWith("HTTP/1.1 503 "));
        }
    }

    @Test
    void handshakesUnderWayAreLimitedButUpgradedSessionsNoLonger() throws Exception {
        start(ConnectionLimits.builder().maxHandshakes(1).build());
        try (RawClient slow = new RawClient(server.port())) {
            slow.write("GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)); // and the rest never comes
            Eventually.until(Duration.ofSeconds(5), () -> server.connectionCount() == 1, () -> "the slow one accepted");
            try (RawClient refused = new RawClient(server.port())) {
                assertTrue(refused.readHead().startsWith("HTTP/1.1 503 "), "a second handshake at once is refused");
            }
        }
        Eventually.until(Duration.ofSeconds(5), () -> server.connectionCount() == 0, () -> "connections left");
        try (RawClient a = upgraded(); RawClient b = upgraded()) {
            // an upgraded session no longer counts: the second handshake was let in
            assertEquals(2, opened.size());
        }
    }

    @Test
    void aTrustedProxysForwardedClientIsTheSessionsAddressAndAnUntrustedOnesIsIgnored() throws Exception {
        start(ConnectionLimits.builder().trustedProxies("127.0.0.0/8").build());
        try (RawClient c = new RawClient(server.port())) {
            c.write(UpgradeRequestBuilder.to("/echo").header("X-Forwarded-For", "198.51.100.9, 203.0.113.7, 127.0.0.2")
                    .bytes());
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            assertEquals("203.0.113.7", opened.poll(5, TimeUnit.SECONDS).remoteAddress().getAddress().getHostAddress(),
                    "the nearest address that is not a trusted proxy");
        }
        try (RawClient c = new RawClient(server.port())) {
            c.write(UpgradeRequestBuilder.to("/echo").header("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https").bytes());
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            assertEquals("2001:db8:0:0:0:0:0:1",
                    opened.poll(5, TimeUnit.SECONDS).remoteAddress().getAddress().getHostAddress());
        }
        server.stop();
        start(ConnectionLimits.unlimited());
        try (RawClient c = new RawClient(server.port())) {
            c.write(UpgradeRequestBuilder.to("/echo").header("X-Forwarded-For", "203.0.113.7").bytes());
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 "));
            assertEquals("127.0.0.1", opened.poll(5, TimeUnit.SECONDS).remoteAddress().getAddress().getHostAddress(),
                    "nobody is trusted: the header is the client's word only");
        }
    }

    @Test
    void proxyProtocolHeadersNameTheClient() throws Exception {
        start(ConnectionLimits.builder().proxyProtocol(true).build());
        byte[] v1 = "PROXY TCP4 192.0.2.10 192.0.2.1 51000 443\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] v2 = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "21" + "11" + "000c"
                + "c6336405" + "c0000201" + "c738" + "01bb"); // 198.51.100.5:51000 -> 192.0.2.1:443
        for (byte[] header : new byte[][] {v1, v2}) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                for (byte b : header) { // one byte at a time: the header reader is incremental
                    out.write(b);
                    out.flush();
                }
                out.write(UpgradeRequestBuilder.to("/echo").bytes());
                byte[] status = s.getInputStream().readNBytes(12);
                assertEquals("HTTP/1.1 101", new String(status, StandardCharsets.US_ASCII));
            }
            Session session = opened.poll(5, TimeUnit.SECONDS);
            String expected = header == v1 ? "192.0.2.10" : "198.51.100.5";
            assertEquals(expected, session.remoteAddress().getAddress().getHostAddress());
            assertEquals(51000, session.remoteAddress().getPort());
        }
        try (RawClient c = new RawClient(server.port())) {
            c.write(UpgradeRequestBuilder.to("/echo").bytes()); // no PROXY header: someone going round the balancer
            assertEquals(0, c.readUntilClosed().length, "closed without an answer");
        }
    }
}
