package dev.wsf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Peers that misbehave, one after another, against one server while a well-behaved client keeps
 * talking to it: each bad peer gets its close code or HTTP status, the good one never notices,
 * and at the end nothing has leaked: every session that opened was closed, no connection is
 * left, and file descriptors and direct memory are back where they started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadPeerTest {
    private static WebSocketServer server;
    private static JdkClient witness;
    private static final AtomicInteger opened = new AtomicInteger();
    private static final AtomicInteger closed = new AtomicInteger();
    private static final ConcurrentHashMap<String, CloseReason> closeReasons = new ConcurrentHashMap<>();
    private static long fdsBefore;
    private static long directBefore;

    @BeforeAll
    static void start() {
        EndpointDefinition echo = EndpointDefinition.builder("/echo", request -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                opened.incrementAndGet();
            }

            @Override
            public void onText(Session s, String message) {
                if (message.equals("flood")) {
                    for (int i = 0; i < 100 && s.isOpen(); i++) {
                        s.sendBinary(ByteBuffer.allocate(64 * 1024));
                    }
                } else {
                    s.sendText(message);
                }
            }

            @Override
            public void onBinary(Session s, ByteBuffer message) {
                s.sendBinary(message);
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closeReasons.put(s.id(), reason);
                closed.incrementAndGet();
            }

            @Override
            public void onError(Session s, Throwable error) {
                // expected in this test: the runtime closes with the right code by itself
            }
        }).build();
        server = WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0)
                .maxHandshakeSize(1024).maxMessageSize(64 * 1024).maxBufferedOutput(512 * 1024)
                .handshakeTimeout(Duration.ofMillis(500)).closeTimeout(Duration.ofMillis(500)).build())
                .endpoint(echo).build().start();
        witness = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"));
        System.gc();
        fdsBefore = openFileDescriptors();
        directBefore = directMemoryUsed();
    }

    @AfterAll
    static void stop() {
        witness.close();
        server.stop();
    }

    private static void witnessStillEchoes() throws InterruptedException {
        witness.socket.sendText("still fine", true).join();
        assertEquals("still fine", witness.nextText());
    }

    private static List<String> frameReplyTo(byte[] frames) throws IOException {
        try (RawClient bad = RawClient.upgraded(server.port(), "/echo")) {
            bad.write(frames);
            return bad.readFramesUntilClosed();
        }
    }

    private static String statusReplyTo(byte[] request) throws IOException {
        try (RawClient bad = new RawClient(server.port())) {
            bad.write(request);
            String head = bad.readHead();
            bad.readUntilClosed();
            return head.substring(0, head.indexOf("\r\n"));
        }
    }

    @Test
    @Order(1)
    void malformedFrames() throws Exception {
        assertEquals(List.of("CLOSE 1002 reserved opcode 0x3"), frameReplyTo(RawFrame.of(0x3).bytes()));
        assertEquals(List.of("CLOSE 1002 reserved bits set without a negotiated extension"),
                frameReplyTo(RawFrame.text("x").rsv(1).bytes()));
        assertEquals(List.of("CLOSE 1002 control frame payload longer than 125 bytes"),
                frameReplyTo(RawFrame.of(0x9).payload(new byte[126]).bytes()));
        assertEquals(List.of("CLOSE 1002 fragmented control frame"), frameReplyTo(RawFrame.of(0x9).fin(false).bytes()));
        assertEquals(List.of("CLOSE 1002 continuation frame without a message to continue"),
                frameReplyTo(RawFrame.of(0x0).bytes()));
        witnessStillEchoes();
    }

    @Test
    @Order(2)
    void wrongMasking() throws Exception {
        assertEquals(List.of("CLOSE 1002 client frame is not masked"), frameReplyTo(RawFrame.text("x").unmasked().bytes()));
        witnessStillEchoes();
    }

    @Test
    @Order(3)
    void invalidUtf8() throws Exception {
        assertEquals(List.of("CLOSE 1007 text message is not valid UTF-8"),
                frameReplyTo(RawFrame.of(0x1).payload(HexFormat.of().parseHex("cebae1bdb9cf83eda080")).bytes()));
        assertEquals(List.of("CLOSE 1007 close reason is not valid UTF-8"),
                frameReplyTo(RawFrame.of(0x8).payload(HexFormat.of().parseHex("03e8ff")).bytes()));
        witnessStillEchoes();
    }

    @Test
    @Order(4)
    void oversizedMessagesAndHeaders() throws Exception {
        assertEquals(List.of("CLOSE 1009 binary message exceeds the limit of 65536 bytes"),
                frameReplyTo(Arrays.copyOf(RawFrame.of(0x2).payload(new byte[70_000]).bytes(), 14)));
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large",
                statusReplyTo(UpgradeRequestBuilder.to("/echo").header("X-Padding", "p".repeat(2000)).bytes()));
        assertEquals("HTTP/1.1 400 Bad Request", statusReplyTo("NOT HTTP AT ALL\r\n\r\n".getBytes()));
        witnessStillEchoes();
    }

    @Test
    @Order(5)
    void truncatedFramesAndVanishingPeers() throws Exception {
        for (int cut : new int[] {1, 5, 9}) {
            try (RawClient bad = RawClient.upgraded(server.port(), "/echo")) {
                bad.write(Arrays.copyOf(RawFrame.text("truncated").bytes(), cut));
            } // closed mid-frame
        }
        try (RawClient slow = new RawClient(server.port())) {
            slow.write("GET /echo HTTP/1.1\r\n".getBytes()); // and nothing more
            assertTrue(slow.readHead().startsWith("HTTP/1.1 408"));
        }
        witnessStillEchoes();
    }

    @Test
    @Order(6)
    void aPeerThatStopsReading() throws Exception {
        try (RawClient sleeper = RawClient.upgraded(server.port(), "/echo")) {
            sleeper.socket.setReceiveBufferSize(4096);
            sleeper.write(RawFrame.text("flood").bytes());
            witnessStillEchoes(); // while the flood backs up
            Eventually.until(Duration.ofSeconds(10), () -> server.connectionCount() <= 1,
                    () -> "the sleeper cut off; connections: " + server.connectionCount());
            assertEquals(1, server.connectionCount(), "cut off once its backlog passed the limit");
            witnessStillEchoes();
        }
    }

    @Test
    @Order(7)
    void nothingLeaked() throws Exception {
        Eventually.until(Duration.ofSeconds(10), () -> server.connectionCount() <= 1 && closed.get() >= opened.get() - 1,
                () -> "only the witness left; connections: " + server.connectionCount()
                        + ", sessions opened: " + opened.get() + ", closed: " + closed.get());
        assertEquals(1, server.connectionCount(), "only the witness is connected");
        assertEquals(opened.get() - 1, closed.get(), "every bad session got onClose: " + closeReasons.values());
        assertTrue(closeReasons.values().stream().allMatch(r -> r.code() >= 1000),
                "each close carried a reason: " + closeReasons.values());
        System.gc();
        assertTrue(openFileDescriptors() <= fdsBefore + 2,
                "file descriptors: " + fdsBefore + " before, " + openFileDescriptors() + " after");
        assertTrue(directMemoryUsed() - directBefore < 1 << 20,
                "direct memory grew by " + (directMemoryUsed() - directBefore) + " bytes");
        witnessStillEchoes();
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError("this check needs Linux's /proc", e);
        }
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
