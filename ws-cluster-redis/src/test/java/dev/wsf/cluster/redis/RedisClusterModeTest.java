package dev.wsf.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.Node;
import dev.wsf.cluster.testkit.Peer;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * cluster(true) against a real Redis Cluster of three masters (redis-server with
 * cluster-enabled, joined by redis-cli --cluster create): each topic's shard channel lives on the
 * master that owns its slot, and messages cross nodes through it.
 */
@Tag("interop")
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisClusterModeTest {

    @Test
    void topicsSpreadOverTheShardsAndCrossNodesThroughTheirOwner() throws Exception {
        List<BrokerProcess> masters = new ArrayList<>();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                masters.add(BrokerProcess.redisClusterNode());
            }
            createCluster(masters);
            String seed = "redis://127.0.0.1:" + masters.get(0).port();
            Node a = new Node(RedisTopicBus.builder(seed).cluster(true).build());
            open.add(a);
            Node b = new Node(RedisTopicBus.builder(seed).cluster(true).build());
            open.add(b);
            WebSocketClient client = WebSocketClient.create();
            open.add(client);
            List<RedisInspector> shards = new ArrayList<>();
            for (BrokerProcess m : masters) {
                RedisInspector i = new RedisInspector(m.port(), true);
                shards.add(i);
                open.add(i);
            }

            List<String> topics = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7");
            Map<String, Peer> onB = new HashMap<>();
            for (String t : topics) {
                onB.put(t, Peer.connect(client, b.uri(t)));
            }
            Set<Integer> owners = new HashSet<>();
            for (String t : topics) {
                String channel = "wsf:topic:" + t;
                Eventually.until(Duration.ofSeconds(20), () -> shards.stream().mapToLong(s -> s.subscribers(channel)).sum() == 1,
                        () -> channel + " subscribed on " + shards.stream().map(s -> s.subscribers(channel)).toList());
                for (int i = 0; i < shards.size(); i++) {
                    if (shards.get(i).subscribers(channel) == 1) {
                        owners.add(i);
                    }
                }
            }
            assertTrue(owners.size() >= 2, "the topics' channels live on several shards: " + owners);

            for (String t : topics) {
                a.server.topics().publish(t, "to " + t);
            }
            for (String t : topics) {
                assertEquals("to " + t, onB.get(t).next());
            }
            Eventually.until(Duration.ofSeconds(10), () -> a.bus.stats().sent() == topics.size(), () -> "A: " + a.bus.stats());
            assertEquals(new BusStats(topics.size(), topics.size(), 0, 0, 0, 0, true), a.bus.stats());
            assertEquals(new BusStats(0, 0, 0, topics.size(), 0, 0, true), b.bus.stats());
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            masters.forEach(BrokerProcess::close);
        }
    }

    /** redis-cli --cluster create, then until every master says cluster_state:ok. */
    private static void createCluster(List<BrokerProcess> masters) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BrokerProcess.require("redis-cli", "redis-tools").toString(),
                "--cluster", "create"));
        masters.forEach(m -> command.add("127.0.0.1:" + m.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "redis-cli --cluster create: " + out);
        for (BrokerProcess m : masters) {
            Eventually.until(Duration.ofSeconds(30), () -> clusterInfo(m).contains("cluster_state:ok"),
                    () -> "127.0.0.1:" + m.port() + " says " + clusterInfo(m));
        }
    }

    private static String clusterInfo(BrokerProcess m) {
        try {
            Process p = new ProcessBuilder(BrokerProcess.require("redis-cli", "redis-tools").toString(), "-p",
                    String.valueOf(m.port()), "cluster", "info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
