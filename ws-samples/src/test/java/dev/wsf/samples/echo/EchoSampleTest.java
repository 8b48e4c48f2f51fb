package dev.wsf.samples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.JdkClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echo sample against the JDK's client: what goes out comes back, kind and bytes. */
class EchoSampleTest {
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = EchoSample.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void echoesText() throws Exception {
        try (JdkClient client = JdkClient.connect(url())) {
            for (String text : List.of("hello", "", "héllo wörld → ✓ 😀", "x".repeat(70_000))) {
                client.send(text);
                assertEquals(text, client.nextText());
            }
        }
    }

    /** Sent back to back, so a reply buffer the runtime reused too early would show. */
    @Test
    void echoesBinaryBackToBack() throws Exception {
        Random random = new Random(1);
        List<ByteBuffer> sent = new ArrayList<>();
        for (int size : new int[] {0, 1, 125, 126, 65_536, 1 << 20}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            sent.add(ByteBuffer.wrap(bytes));
        }
        try (JdkClient client = JdkClient.connect(url())) {
            for (ByteBuffer message : sent) {
                client.socket.sendBinary(message.duplicate(), true).join();
            }
            for (ByteBuffer message : sent) {
                assertEquals(message, client.nextBinary());
            }
        }
    }

    private static String url() {
        return "ws://127.0.0.1:" + server.port() + "/echo";
    }
}
