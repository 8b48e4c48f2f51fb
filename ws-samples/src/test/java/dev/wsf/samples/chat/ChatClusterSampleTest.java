package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleCluster;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
    private static final ChatAccounts ACCOUNTS = ChatAccounts.sharedToken("t0k");
    private static final String TOKEN = ChatLogin.TOKEN_PREFIX + "t0k";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void membersOnTwoServersChatInOneRoom(String broker) throws Exception {
        try (BrokerProcess process = broker.equals("redis") ? BrokerProcess.redis() : BrokerProcess.nats()) {
            chat(broker, process);
        }
    }

    private static void chat(String broker, BrokerProcess process) throws Exception {
        String uri = broker + "://127.0.0.1:" + process.port();
        WebSocketServer one = null;
        WebSocketServer two = null;
        try {
            SampleCluster clusterOne = SampleCluster.of(uri);
            SampleCluster clusterTwo = SampleCluster.of(uri);
            one = ChatSample.start(clusterOne.applyTo(ChatSample.settings()).host("127.0.0.1").port(0).build(),
                    ACCOUNTS);
            two = ChatSample.start(clusterTwo.applyTo(ChatSample.settings()).host("127.0.0.1").port(0).build(),
                    ACCOUNTS);
            Eventually.until(Duration.ofSeconds(10), () -> clusterOne.bus().stats().connected()
                    && clusterTwo.bus().stats().connected(), () -> "both servers connected to " + uri);

            try (JdkClient ann = joined(one, "ann")) {
                Eventually.until(Duration.ofSeconds(10), () -> subscribers(broker, process) == 1,
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
        }
    }

    /** How many servers the broker has subscribed to the room, as it says itself. */
    private static int subscribers(String broker, BrokerProcess process) {
        if (broker.equals("redis")) {
            List<String> numsub = process.redisCli("pubsub", "numsub", "wsf:topic:lobby");
            return numsub.size() == 2 ? Integer.parseInt(numsub.get(1).strip()) : -1;
        }
        try {
            String connz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + process.monitorPort() + "/connz?subs=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
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
        return JdkClient.connect(url.toString(), ChatEndpoint.SUBPROTOCOL, TOKEN).skipPings();
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
}
