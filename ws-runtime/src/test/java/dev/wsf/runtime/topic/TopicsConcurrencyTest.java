package dev.wsf.runtime.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.SubscriptionStats;
import dev.wsf.api.TopicStats;
import dev.wsf.api.Topics;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Topics under concurrency, over real sockets: publishers on several threads while subscribers
 * arrive, subscribe and unsubscribe, close and vanish. What must hold: a subscriber present
 * throughout gets every publisher's messages, each publisher's in order; sessions that leave
 * (however they leave) leave their topics; nothing is logged as a server fault; and
 * {@code stop()} drops every topic.
 */
class TopicsConcurrencyTest {
    private static final String TOPIC = "race";
    private static final int PUBLISHERS = 4;
    private static final int MESSAGES_PER_PUBLISHER = 500;
    private static final int STEADY_SUBSCRIBERS = 10;
    private static final int CHURNING_CLIENTS = 30;

    private WebSocketServer server;
    private final List<JdkClient> clients = new ArrayList<>();
    private final List<JdkClient> churned = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        clients.forEach(JdkClient::close);
        churned.forEach(JdkClient::close);
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Subscribes on open; "unsubscribe" and "subscribe" messages toggle the subscription. 4 I/O threads. */
    private WebSocketServer start() {
        return start(new CopyOnWriteArrayList<>());
    }

    /** As {@link #start()}, every server-side session is added to {@code opened} (thread-safe). */
    private WebSocketServer start(List<Session> opened) {
        EndpointDefinition endpoint = EndpointDefinition.builder("/topic", request -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.subscribe(TOPIC);
                opened.add(s);
            }

            @Override
            public void onText(Session s, String message) {
                if (message.equals("unsubscribe")) {
                    s.topics().unsubscribe(s, TOPIC);
                } else if (message.equals("subscribe")) {
                    s.subscribe(TOPIC);
                }
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(4).build();
        server = WebSocketServer.builder().config(config).endpoints(List.of(endpoint)).build().start();
        // Generous, so that "every message" is what a steady subscriber must get on a loaded machine.
        server.topics().policy(TOPIC, SlowConsumerPolicy.skip(64 << 20));
        return server;
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/topic");
    }

    @Test
    void publishersSubscribersAndClosesAtOnce() throws Exception {
        Topics topics = start().topics();
        try (LogCapture log = LogCapture.under("dev.wsf").quietly()) {
            for (int i = 0; i < STEADY_SUBSCRIBERS; i++) {
                clients.add(JdkClient.connect(uri()));
            }
            Eventually.until(Duration.ofSeconds(10), () -> topics.subscriberCount(TOPIC) == STEADY_SUBSCRIBERS,
                    () -> "subscribers: " + topics.subscriberCount(TOPIC));

            ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS + 1);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                String publisher = "p" + p;
                work.add(threads.submit(() -> {
                    go.await();
                    for (int seq = 0; seq < MESSAGES_PER_PUBLISHER; seq++) {
                        topics.publish(TOPIC, publisher + ":" + seq);
                    }
                    return null;
                }));
            }
            work.add(threads.submit(() -> {
                go.await();
                churn();
                return null;
            }));
            go.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();

            for (JdkClient steady : clients.subList(0, STEADY_SUBSCRIBERS)) {
                assertEveryMessageInPublisherOrder(steady);
            }
            assertEquals(PUBLISHERS * MESSAGES_PER_PUBLISHER, topics.stats(TOPIC).published());
            assertEquals(0, topics.stats(TOPIC).skipped(), "nobody was slow enough to skip");

            clients.forEach(JdkClient::close);
            Eventually.until(Duration.ofSeconds(10), () -> topics.subscriberCount(TOPIC) == 0,
                    () -> "still subscribed after every client left: " + topics.subscriberCount(TOPIC));
            assertEquals(List.of(), log.messagesAtLeast(Level.WARNING));
        }
    }

    /**
     * The counts stay exact with publishers on several threads and subscribers spread over
     * several I/O threads: every delivery is counted once, for the topic and for the subscription
     * (each I/O thread counts its own deliveries, summed when the stats are read).
     */
    @Test
    void statsCountEveryDeliveryExactlyOnceUnderConcurrentPublishers() throws Exception {
        List<Session> sessions = new CopyOnWriteArrayList<>();
        Topics topics = start(sessions).topics();
        for (int i = 0; i < STEADY_SUBSCRIBERS; i++) {
            clients.add(JdkClient.connect(uri()));
        }
        Eventually.until(Duration.ofSeconds(10), () -> topics.subscriberCount(TOPIC) == STEADY_SUBSCRIBERS,
                () -> "subscribers: " + topics.subscriberCount(TOPIC));

        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            String publisher = "p" + p;
            work.add(threads.submit(() -> {
                go.await();
                for (int seq = 0; seq < MESSAGES_PER_PUBLISHER; seq++) {
                    assertEquals(STEADY_SUBSCRIBERS, topics.publish(TOPIC, publisher + ":" + seq));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        for (JdkClient client : clients) {
            assertEveryMessageInPublisherOrder(client);
        }

        long perSubscriber = PUBLISHERS * MESSAGES_PER_PUBLISHER;
        long expected = perSubscriber * STEADY_SUBSCRIBERS;
        // Counted before the frames are flushed, so by now; polled only for the memory model's sake.
        Eventually.until(Duration.ofSeconds(10), () -> topics.stats(TOPIC).delivered() >= expected,
                () -> "delivered " + topics.stats(TOPIC).delivered() + " of " + expected + ": counts were lost");
        TopicStats stats = topics.stats(TOPIC);
        assertEquals(perSubscriber, stats.published());
        assertEquals(expected, stats.delivered(), "every delivery counted once");
        assertEquals(0, stats.skipped());
        assertEquals(STEADY_SUBSCRIBERS, sessions.size());
        for (Session s : sessions) {
            SubscriptionStats own = topics.stats(s, TOPIC).orElseThrow();
            assertEquals(perSubscriber, own.delivered(), "a subscription's own count");
            assertEquals(0, own.skipped());
        }
    }

    /**
     * Clients that come and go while the publishers run: some close at once (racing their own
     * subscription against the publishes), some toggle their subscription, some vanish without a
     * close handshake.
     */
    private void churn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < CHURNING_CLIENTS; i++) {
            JdkClient c = JdkClient.connect(uri());
            churned.add(c);
            switch (i % 3) {
                case 0 -> c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
                case 1 -> {
                    c.send("unsubscribe");
                    c.send("subscribe");
                    if (random.nextBoolean()) {
                        c.send("unsubscribe");
                    }
                    c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
                }
                default -> c.close(); // an abort: no close handshake
            }
        }
    }

    private static void assertEveryMessageInPublisherOrder(JdkClient client) throws InterruptedException {
        int[] next = new int[PUBLISHERS];
        for (int i = 0; i < PUBLISHERS * MESSAGES_PER_PUBLISHER; i++) {
            String message = client.nextText();
            int colon = message.indexOf(':');
            int publisher = Integer.parseInt(message.substring(1, colon));
            int seq = Integer.parseInt(message.substring(colon + 1));
            assertEquals(next[publisher], seq, "publisher " + publisher + "'s messages out of order or missing");
            next[publisher]++;
        }
        for (int count : next) {
            assertEquals(MESSAGES_PER_PUBLISHER, count);
        }
    }

    @Test
    void stopDropsEveryTopic() throws Exception {
        Topics topics = start().topics();
        clients.add(JdkClient.connect(uri()));
        Eventually.until(Duration.ofSeconds(10), () -> topics.subscriberCount(TOPIC) == 1,
                () -> "subscribers: " + topics.subscriberCount(TOPIC));

        server.stop(Duration.ofSeconds(2));

        assertEquals(0, topics.subscriberCount(TOPIC));
        assertTrue(topics.topics().isEmpty(), () -> "topics left after stop: " + topics.topics());
        assertEquals(0, topics.publish(TOPIC, "after stop"), "a publish after stop reaches nobody");
    }
}
