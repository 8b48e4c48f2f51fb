package dev.wsf.samples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.wsf.test.TestClient;
import dev.wsf.test.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The echo endpoint tested the way an application tests its own, with wsf-test (see ws-test/README.md). */
class EchoEndpointTest {
    private final TestServer server = TestServer.start(EchoEndpoint.class);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsEveryMessageBackAsItCame() {
        try (TestClient client = server.connect("/echo")) {
            client.sendText("hello").assertNextText("hello");
            client.sendBinary(new byte[] {0, 1, (byte) 0xfe});
            assertArrayEquals(new byte[] {0, 1, (byte) 0xfe}, client.awaitBinary());
            client.assertNoMoreMessages(Duration.ofMillis(100));
            client.close(1000, "done");
        }
    }

    @Test
    void answersTheClosingHandshakeWithTheClientsCode() {
        try (TestClient client = server.connect("/echo")) {
            client.close(4000, "bye");
            client.assertClosedWith(4000, "bye");
        }
    }
}
