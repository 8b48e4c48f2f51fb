package dev.wsf.samples.crc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import dev.wsf.samples.testing.RawWebSocket;
import dev.wsf.samples.testing.RawWebSocket.RawFrame;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * x-wsf-crc32 end to end: our server and our client both discover it from META-INF/services and
 * negotiate it next to permessage-deflate; it is really on the wire, and a bad CRC costs 1007.
 */
class CrcSampleTest {
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = CrcSample.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void ourClientFindsItAndNegotiatesItWithPermessageDeflate() throws Exception {
        try (WebSocketClient client = WebSocketClient.create()) {
            Session session = client.connect(URI.create(base() + "/checked"), new Echoes()).get(10, TimeUnit.SECONDS);
            assertEquals(Set.of("permessage-deflate", "x-wsf-crc32"), Set.copyOf(names(session.extensions())));
        }
    }

    /**
     * Both orders work: the first extension listed transforms outgoing messages first, so the CRC
     * covers either the compressed bytes or the original ones. The client's offer sets the order;
     * factories given to it explicitly come before discovered ones.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void messagesRoundTripWithTheExtensionsInEitherOrder(boolean deflateFirst) throws Exception {
        ExtensionFactory deflate = new PerMessageDeflateFactory();
        ExtensionFactory crc = new Crc32ExtensionFactory();
        ClientConfig config = ClientConfig.builder()
                .extensions(deflateFirst ? new ExtensionFactory[] {deflate, crc} : new ExtensionFactory[] {crc, deflate})
                .build();
        try (WebSocketClient client = WebSocketClient.create(config)) {
            Echoes echoes = new Echoes();
            Session session = client.connect(URI.create(base() + "/checked"), echoes).get(10, TimeUnit.SECONDS);
            assertEquals(deflateFirst ? List.of("permessage-deflate", "x-wsf-crc32")
                    : List.of("x-wsf-crc32", "permessage-deflate"), names(session.extensions()));

            String compressible = "The quick brown fox jumps over the lazy dog. ".repeat(2300);
            for (String text : List.of("hello", "", compressible)) {
                session.sendText(text);
                assertEquals(text, echoes.next());
            }
            byte[] random = new byte[70_000];
            new Random(7).nextBytes(random);
            session.sendBinary(ByteBuffer.wrap(random));
            assertEquals(ByteBuffer.wrap(random), echoes.next());

            session.sendText("frag", false); // the CRC covers the whole message, across its frames
            session.sendText("mented", true);
            assertEquals("fragmented", echoes.next());
            session.closeAndAwait(CloseReason.NORMAL);
        }
    }

    @Test
    void theResponseHeaderNamesBothExtensions() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/checked", "permessage-deflate, x-wsf-crc32")) {
            assertTrue(raw.responseHead().startsWith("HTTP/1.1 101"), raw.responseHead());
            String negotiated = raw.responseHeader("Sec-WebSocket-Extensions");
            assertTrue(negotiated.startsWith("permessage-deflate") && negotiated.endsWith(", x-wsf-crc32"), negotiated);
        }
    }

    @Test
    void theCrcIsOnTheWireAndAWrongOneClosesWith1007() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/checked", "x-wsf-crc32")) {
            assertEquals("x-wsf-crc32", raw.responseHeader("Sec-WebSocket-Extensions"));

            raw.sendFrame(0x20 | 0x1, withCrc("abc", crc("abc"))); // RSV2 + text
            RawFrame echo = raw.readFrame();
            assertEquals(0x1, echo.opcode());
            assertEquals(0b010, echo.rsv(), "the server marks its message with RSV2");
            assertEquals(ByteBuffer.wrap(withCrc("abc", crc("abc"))), ByteBuffer.wrap(echo.payload()));

            raw.sendFrame(0x20 | 0x1, withCrc("abd", crc("abc")));
            RawFrame close = raw.readFrame();
            assertEquals(0x8, close.opcode());
            assertEquals(1007, close.closeCode());
        }
    }

    @Test
    void anEndpointCanLeaveItOut() throws Exception {
        try (WebSocketClient client = WebSocketClient.create()) {
            Echoes echoes = new Echoes();
            Session session = client.connect(URI.create(base() + "/plain"), echoes).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("permessage-deflate"), names(session.extensions()));
            session.sendText("unchecked");
            assertEquals("unchecked", echoes.next());
        }
    }

    @Test
    void aServerCanDisableIt() throws Exception {
        WebSocketServer noCrc = CrcSample.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .disableExtensions(Crc32ExtensionFactory.NAME).build());
        try (WebSocketClient client = WebSocketClient.create()) {
            Session session = client.connect(URI.create("ws://127.0.0.1:" + noCrc.port() + "/checked"), new Echoes())
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of("permessage-deflate"), names(session.extensions()));
        } finally {
            noCrc.stop();
        }
    }

    private static String base() {
        return "ws://127.0.0.1:" + server.port();
    }

    private static List<String> names(List<ExtensionConfig> extensions) {
        return extensions.stream().map(ExtensionConfig::name).toList();
    }

    private static int crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static byte[] withCrc(String text, int crc) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(bytes.length + 4).put(bytes).putInt(crc).array();
    }

    /** Collects what the server echoes: a String per text message, a ByteBuffer copy per binary one. */
    private static final class Echoes implements EndpointHandler {
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void onText(Session session, String message) {
            received.add(message);
        }

        @Override
        public void onBinary(Session session, ByteBuffer message) {
            received.add(ByteBuffer.allocate(message.remaining()).put(message).flip());
        }

        Object next() throws InterruptedException {
            Object message = received.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no echo within 10 s");
            }
            return message;
        }
    }
}
