package dev.wsf.cluster.redis;

import static dev.wsf.cluster.testkit.Peer.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.cluster.testkit.BusFailuresContract;
import dev.wsf.cluster.testkit.Node;
import dev.wsf.cluster.testkit.Peer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link BusFailuresContract} against a real redis-server, and a broker that stops answering
 * (SIGSTOP): publishing never blocks, and past {@code maxPending} messages without an answer,
 * more are dropped and counted.
 */
@Tag("interop")
class RedisFailuresTest extends BusFailuresContract {

    @Override
    protected BrokerProcess brokerNotStarted() {
        return BrokerProcess.redisNotStarted();
    }

    @Override
    protected Class<RedisTopicBus> busType() {
        return RedisTopicBus.class;
    }

    @Override
    protected RedisTopicBus.Builder bus() {
        return RedisTopicBus.builder("redis://127.0.0.1:" + broker.port());
    }

    @Override
    protected long subscribersAtBroker(String topic) { // redis-cli: a client of ours would reconnect noisily
        List<String> numsub = broker.redisCli("pubsub", "numsub", "wsf:topic:" + topic);
        return numsub.size() == 2 ? Long.parseLong(numsub.get(1).strip()) : -1;
    }

    @Override
    protected String unreachableWarning() {
        return "cannot reach Redis at 127.0.0.1:" + broker.port() + " (attempt 1)";
    }

    @Test
    void aBrokerThatStopsAnsweringNeverBlocksPublishersAndDropsPastTheBound() throws Exception {
        broker.start();
        Node a = node(bus().maxPending(100));
        Node b = node(bus());
        Peer local = Peer.connect(client, a.uri("t"));
        Peer remote = Peer.connect(client, b.uri("t"));
        awaitSubscribers("t", 2);
        a.server.topics().publish("t", "before");
        assertEquals("before", remote.next());
        assertEquals("before", local.next());
        await(a, s -> s.sent() == 1, "acknowledged");

        broker.freeze();
        long[] took = new long[1000];
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            long t0 = System.nanoTime();
            a.server.topics().publish("t", "s" + i);
            took[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - start;
        java.util.Arrays.sort(took);
        long slowest = took[took.length - 1];
        assertEquals(new BusStats(1001, 1, 900, 0, 0, 0, true), a.bus.stats(),
                "100 wait for an answer, the other 900 are dropped");
        // blocked on the broker, a publish would wait for the thaw below, forever. Stalls of up to 2 s were
        // seen on the shared 2-core VM at load 25 (run queue, GC): 5 s tells the two apart.
        assertTrue(slowest < Duration.ofSeconds(5).toNanos(), "a publish took " + slowest / 1000 + " µs");
        assertEquals(texts("s", 0, 1000), local.next(1000), "local delivery does not wait for the broker");
        System.out.printf("1,000 publishes to a frozen broker: %d µs in all; median %d µs, p99 %d µs, slowest %d µs%n",
                total / 1000, took[500] / 1000, took[990] / 1000, slowest / 1000);

        broker.thaw();
        await(a, s -> s.sent() == 101, "the 100 answered once the broker goes on");
        assertEquals(texts("s", 0, 100), remote.next(100));
        Thread.sleep(200);
        assertEquals(List.of(), remote.drain());
        assertEquals(new BusStats(1001, 101, 900, 0, 0, 0, true), a.bus.stats());
    }
}
