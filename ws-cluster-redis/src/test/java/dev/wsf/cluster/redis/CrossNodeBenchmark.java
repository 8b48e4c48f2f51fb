package dev.wsf.cluster.redis;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.cluster.testkit.BrokerProcess;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A measurement, not a test: one topic with S subscribers (1,000 by default) on a node, messages
 * published either on that same node ({@code local}) or on another node that reaches it through
 * Redis ({@code redis}). It reports deliveries per second when publishing as fast as the path
 * takes (with at most W messages on their way, so nothing is dropped), and the latency from
 * publish to a subscriber's callback at a steady, lower rate (p50, p99, p99.9 over every
 * delivery). Publisher, nodes, subscribers and Redis share this machine. The subscribers do not
 * negotiate permessage-deflate unless {@code -Ddeflate=true}: compressing for each subscriber
 * (context takeover) would otherwise be most of what this measures.
 *
 * <pre>
 * mvn -q -o -pl ws-cluster-redis -am test-compile
 * mvn -q -o -pl ws-cluster-redis dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp ws-cluster-redis/target/test-classes:ws-cluster-redis/target/classes:$(cat ws-cluster-redis/target/cp.txt) \
 *      dev.wsf.cluster.redis.CrossNodeBenchmark [local|redis|both] [subscribers] [messages]
 * </pre>
 * {@code -Dredis=redis://host:port} uses a running Redis instead of starting redis-server;
 * {@code -Drate=N} sets the latency phase's messages per second (a fifth of the measured
 * throughput by default).
 */
public final class CrossNodeBenchmark {
    private static final String TOPIC = "bench";

    private final int subscribers;
    private final int messages;
    private final LongAdder delivered = new LongAdder();
    /** Latency histogram: 10 µs buckets up to 1 s, then one overflow bucket. */
    private final AtomicLongArray buckets = new AtomicLongArray(100_001);
    private volatile boolean recording;
    /** Per latency message: when it was published, and when its first subscriber got it (0 until then). */
    private long[] publishedAt = new long[0];
    private AtomicLongArray firstAt = new AtomicLongArray(0);

    private CrossNodeBenchmark(int subscribers, int messages) {
        this.subscribers = subscribers;
        this.messages = messages;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        BrokerProcess started = null;
        String uri = System.getProperty("redis");
        if (uri == null && !mode.equals("local")) {
            started = BrokerProcess.redis();
            uri = "redis://127.0.0.1:" + started.port();
        }
        try {
            if (mode.equals("local") || mode.equals("both")) {
                new CrossNodeBenchmark(subscribers, messages).run(null);
            }
            if (mode.equals("redis") || mode.equals("both")) {
                new CrossNodeBenchmark(subscribers, messages).run(uri);
            }
        } finally {
            if (started != null) {
                started.close();
            }
        }
        System.exit(0);
    }

    private static WebSocketServer server(TopicBus bus) {
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(0);
        if (bus != null) {
            config.topicBus(bus);
        }
        return WebSocketServer.builder().config(config.build())
                .endpoint(EndpointDefinition.builder("/t", r -> new EndpointHandler() {
                    @Override
                    public void onOpen(Session s) {
                        s.subscribe(TOPIC);
                    }
                }).dispatch(Dispatch.IO_THREAD).build())
                .build().start();
    }

    /** {@code redisUri} null: publish on the subscribers' node; else on another node, through Redis. */
    private void run(String redisUri) throws Exception {
        String label = redisUri == null ? "one node" : "two nodes + Redis";
        WebSocketServer subscriberNode = server(redisUri == null ? null
                : RedisTopicBus.builder(redisUri).maxPending(1_000_000).build());
        WebSocketServer publisherNode = redisUri == null ? subscriberNode
                : server(RedisTopicBus.builder(redisUri).maxPending(1_000_000).build());
        subscriberNode.topics().policy(TOPIC, SlowConsumerPolicy.skip(64L << 20));
        ClientConfig.Builder clientConfig = ClientConfig.builder();
        if (!Boolean.getBoolean("deflate")) { // per-subscriber compression would be most of what is measured
            clientConfig.disableExtensions("permessage-deflate");
        }
        WebSocketClient client = WebSocketClient.create(clientConfig.build());
        try {
            connect(client, URI.create("ws://127.0.0.1:" + subscriberNode.port() + "/t"));
            if (redisUri != null) {
                awaitSubscribed(redisUri);
            }
            // warm-up, then throughput, then latency at a fifth of that rate
            throughput(publisherNode, Math.max(200, messages / 5), null);
            double rate = throughput(publisherNode, messages, label);
            double perSecond = Double.parseDouble(System.getProperty("rate", "0"));
            latency(publisherNode, label, perSecond > 0 ? perSecond : Math.max(10, rate / 5 / subscribers));
        } finally {
            client.close();
            if (publisherNode != subscriberNode) {
                publisherNode.stop();
            }
            subscriberNode.stop();
        }
    }

    private void connect(WebSocketClient client, URI uri) throws Exception {
        EndpointDefinition subscriber = EndpointDefinition.forClient(r -> new EndpointHandler() {
            @Override
            public void onBinary(Session s, ByteBuffer message) {
                long now = System.nanoTime();
                if (recording) {
                    long sent = message.getLong(message.position());
                    int seq = message.getInt(message.position() + 8);
                    long micros = (now - sent) / 1000;
                    buckets.incrementAndGet((int) Math.min(micros / 10, buckets.length() - 1));
                    firstAt.compareAndSet(seq, 0, now);
                }
                delivered.increment();
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        List<CompletableFuture<Session>> all = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            all.add(client.connect(uri, subscriber, ConnectOptions.defaults()));
            if (all.size() % 200 == 0) {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private void awaitSubscribed(String redisUri) throws InterruptedException {
        io.lettuce.core.RedisClient c = io.lettuce.core.RedisClient.create(redisUri);
        try (var connection = c.connect()) {
            while (connection.sync().pubsubNumsub("wsf:topic:" + TOPIC).values().stream().mapToLong(Long::longValue).sum() < 1) {
                Thread.sleep(10);
            }
        } finally {
            c.shutdown();
        }
    }

    private static ByteBuffer message(long now, int seq) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putLong(0, now);
        b.putInt(8, seq);
        return b;
    }

    /** Publishes {@code n} messages with at most 50 on their way; returns deliveries per second. */
    private double throughput(WebSocketServer publisher, int n, String label) throws InterruptedException {
        long base = delivered.sum();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            while ((long) i * subscribers - (delivered.sum() - base) > 50L * subscribers) {
                LockSupport.parkNanos(200_000); // not a spin: two cores are all there is
            }
            publisher.topics().publish(TOPIC, message(System.nanoTime(), 0));
        }
        long expected = (long) n * subscribers;
        while (delivered.sum() - base < expected) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = expected / seconds;
        if (label != null) {
            System.out.printf("%-18s %,d subscribers: %,d messages, %,d deliveries in %.2f s = %,.0f deliveries/s%n",
                    label, subscribers, n, expected, seconds, rate);
        }
        return rate;
    }

    /**
     * Publishes at {@code perSecond} messages a second for {@code messages / 4} messages, recording
     * every delivery, and the first delivery of each message (the path without the fan-out).
     */
    private void latency(WebSocketServer publisher, String label, double perSecond) throws InterruptedException {
        int n = Math.max(100, messages / 4);
        publishedAt = new long[n];
        firstAt = new AtomicLongArray(n);
        long base = delivered.sum();
        recording = true;
        long interval = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (long wait; (wait = next - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            publishedAt[i] = now;
            publisher.topics().publish(TOPIC, message(now, i));
            next += interval;
        }
        while (delivered.sum() - base < (long) n * subscribers) {
            Thread.sleep(1);
        }
        recording = false;
        long[] first = new long[n];
        for (int i = 0; i < n; i++) {
            first[i] = (firstAt.get(i) - publishedAt[i]) / 1000;
        }
        java.util.Arrays.sort(first);
        System.out.printf("%-18s %,d subscribers at %,.0f messages/s (%,.0f deliveries/s): latency p50 %s, p99 %s,"
                        + " p99.9 %s, max %s; to the first subscriber p50 %,d µs, p99 %,d µs%n", label, subscribers,
                perSecond, perSecond * subscribers, percentile(0.50), percentile(0.99), percentile(0.999),
                percentile(1.0), first[n / 2], first[(int) (n * 0.99)]);
    }

    private String percentile(double p) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank && seen > 0) {
                return i == buckets.length() - 1 ? ">1 s" : String.format("%,d µs", (i + 1) * 10);
            }
        }
        return "-";
    }
}
