package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleCluster;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat sample clustered, as {@code -Dcluster=...} runs it: two chat servers on one broker (a
 * redis-server or a nats-server this test starts on a free loopback port and stops by its process
 * id), and two members of one room, one on each server, who see each other's joins, lines and
 * leaves.
 */
@Tag("interop")
class ChatClusterSampleTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void membersOnTwoServersChatInOneRoom(String broker) throws Exception {
        int port = freePort();
        int monitor = freePort();
        Path dir = Files.createTempDirectory("wsf-chat-" + broker);
        List<String> command = broker.equals("redis")
                ? List.of(program("redis-server"), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no", "--dir", dir.toString())
                : List.of(program("nats-server"), "-a", "127.0.0.1", "-p", String.valueOf(port), "-m",
                        String.valueOf(monitor));
        Process process = start(command, broker.equals("redis") ? "Ready to accept connections" : "Server is ready");
        String uri = broker + "://127.0.0.1:" + port;
        WebSocketServer one = null;
        WebSocketServer two = null;
        try {
            SampleCluster clusterOne = SampleCluster.of(uri);
            SampleCluster clusterTwo = SampleCluster.of(uri);
            one = ChatSample.start(clusterOne.applyTo(ChatSample.settings()).host("127.0.0.1").port(0).build());
            two = ChatSample.start(clusterTwo.applyTo(ChatSample.settings()).host("127.0.0.1").port(0).build());
            Eventually.until(Duration.ofSeconds(10), () -> clusterOne.bus().stats().connected()
                    && clusterTwo.bus().stats().connected(), () -> "both servers connected to " + uri);

            try (JdkClient ann = joined(one, "ann")) {
                Eventually.until(Duration.ofSeconds(10), () -> subscribers(broker, port, monitor) == 1,
                        () -> "ann's server subscribed to the room at the broker");
                try (JdkClient bob = join(two, "bob")) {
                    assertEquals(ChatEvent.members("bob", List.of()), event(bob), "the list is each server's own");
                    assertEquals(ChatEvent.joined("bob"), event(bob));
                    assertEquals(ChatEvent.joined("bob"), event(ann), "bob's join reaches ann's server");

                    ann.send("{\"text\":\"hi bob, from the other server\"}");
                    assertEquals(ChatEvent.message("ann", "hi bob, from the other server"), event(ann));
                    assertEquals(ChatEvent.message("ann", "hi bob, from the other server"), event(bob));
                    bob.send("{\"text\":\"hi ann\"}");
                    assertEquals(ChatEvent.message("bob", "hi ann"), event(bob));
                    assertEquals(ChatEvent.message("bob", "hi ann"), event(ann));
                    bob.socket.sendClose(1000, "bye").join();
                }
                assertEquals(ChatEvent.left("bob"), event(ann));
            }
        } finally {
            if (one != null) {
                one.stop();
            }
            if (two != null) {
                two.stop();
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(dir);
        }
    }

    /** How many servers the broker has subscribed to the room, as it says itself. */
    private static int subscribers(String broker, int port, int monitor) {
        try {
            if (broker.equals("redis")) {
                Process cli = new ProcessBuilder(program("redis-cli"), "-p", String.valueOf(port), "pubsub", "numsub",
                        "wsf:topic:lobby").redirectErrorStream(true).start();
                List<String> lines = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                cli.waitFor(10, TimeUnit.SECONDS);
                return lines.size() == 2 ? Integer.parseInt(lines.get(1).strip()) : -1;
            }
            String connz = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + monitor + "/connz?subs=1")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return connz.split("\"wsf\\.topic\\.lobby\"", -1).length - 1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JdkClient join(WebSocketServer at, String name) {
        URI url = URI.create("ws://127.0.0.1:" + at.port() + "/chat/lobby?name=" + name);
        return JdkClient.connect(url.toString(), ChatEndpoint.SUBPROTOCOL).skipPings();
    }

    private static JdkClient joined(WebSocketServer at, String name) throws InterruptedException {
        JdkClient client = join(at, name);
        assertEquals("members", event(client).type());
        assertEquals(ChatEvent.joined(name), event(client));
        return client;
    }

    private static ChatEvent event(JdkClient client) throws InterruptedException {
        return JSON.readValue(client.nextText(), ChatEvent.class);
    }

    /** The broker's path; skipped without it, except under -Pinterop's CI, where it must be there. */
    private static String program(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        String message = name + " is not installed: apt-get install " + name + " (or bash .ci/install-test-deps)";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message + "; skipping the clustered chat");
        return null;
    }

    private static Process start(List<String> command, String ready) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch up = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.contains(ready)) {
                        up.countDown();
                    }
                }
            } catch (IOException e) {
                // it ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!up.await(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not start");
        }
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
