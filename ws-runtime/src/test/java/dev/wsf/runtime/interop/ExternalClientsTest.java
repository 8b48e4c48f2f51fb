package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.PeerProcess;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our server against clients we did not write: Python websockets, Node ws and headless Chromium,
 * each running every scenario of interop/README.md. Needs {@code bash .ci/install-test-deps}.
 */
@Tag("interop")
class ExternalClientsTest {
    private static final List<String> SCENARIOS = List.of("text", "binary", "large", "fragmented", "ping",
            "subprotocol", "deflate", "close-client", "close-server");
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = InteropEndpoints.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Stream<Arguments> peersAndScenarios() {
        return Stream.of("python", "node", "chromium")
                .flatMap(peer -> SCENARIOS.stream().map(scenario -> Arguments.of(peer, scenario)));
    }

    @ParameterizedTest(name = "{0} client: {1}")
    @MethodSource("peersAndScenarios")
    void scenario(String peer, String scenario) throws Exception {
        String url = "ws://127.0.0.1:" + server.port();
        List<String> command = switch (peer) {
            case "python" -> PeerProcess.python("ws_client.py", url, scenario, "--timeout", "60");
            case "node" -> PeerProcess.node("client.mjs", url, scenario, "--timeout", "60");
            default -> PeerProcess.node("chromium.mjs", url, scenario, "--timeout", "90");
        };
        PeerProcess.Result result = PeerProcess.run(command, 120);
        if (peer.equals("chromium") && (scenario.equals("fragmented") || scenario.equals("ping"))) {
            assertEquals(3, result.exitCode(), "the browser API cannot express this: " + result.lines());
            return;
        }
        assertEquals(0, result.exitCode(), "failed steps: " + result.failures() + "\nlast: " + result.last());
        assertTrue(result.last().contains("\"done\":true") && result.last().contains("\"ok\":true"), result.last());
    }
}
