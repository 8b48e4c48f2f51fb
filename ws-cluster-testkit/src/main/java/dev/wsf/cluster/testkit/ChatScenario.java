package dev.wsf.cluster.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Three nodes, N clients on each, one room: every client sends and every client gets every
 * message exactly once, whichever node it came through, and every node's bus counts exactly
 * what it sent and received. By default 334 clients per node (1,002 in all) send one message
 * each: 1,002 messages, 1,004,004 deliveries, about 15 s on two busy cores.
 * {@code -Dwsf.chat.clientsPerNode} and {@code -Dwsf.chat.messagesPerClient} change that.
 */
public final class ChatScenario {
    private static final int PER_NODE = Integer.getInteger("wsf.chat.clientsPerNode", 334);
    private static final int MESSAGES = Integer.getInteger("wsf.chat.messagesPerClient", 1);
    private static final String ROOM = "room";

    /** One chat client: what it received, and how many it received twice. */
    private static final class Member implements EndpointHandler {
        final Set<String> seen = new HashSet<>(); // only touched by this session's callbacks, one at a time
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        volatile Session session;

        @Override
        public void onText(Session s, String message) {
            if (!seen.add(message)) {
                duplicates.incrementAndGet();
            }
            count.incrementAndGet();
        }
    }

    private ChatScenario() {
    }

    /**
     * Runs the chat on three nodes, each with a bus of its own from {@code buses}.
     *
     * @param subscribersAtBroker how many nodes the broker itself says are subscribed to a topic (by its name)
     */
    public static void run(Supplier<TopicBus> buses, ToLongFunction<String> subscribersAtBroker) throws Exception {
        try (WebSocketClient client = WebSocketClient.create(ClientConfig.builder().build())) {
            List<Node> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    nodes.add(new Node(buses.get()));
                }
                run(nodes, client, subscribersAtBroker);
            } finally {
                nodes.forEach(Node::close);
            }
        }
    }

    private static void run(List<Node> nodes, WebSocketClient client, ToLongFunction<String> subscribersAtBroker)
            throws Exception {
        long t0 = System.nanoTime();
        List<Member> members = new ArrayList<>();
        List<CompletableFuture<Session>> connecting = new ArrayList<>();
        for (Node node : nodes) {
            for (int i = 0; i < PER_NODE; i++) {
                Member m = new Member();
                members.add(m);
                connecting.add(client.connect(node.uri(ROOM), m).thenApply(s -> m.session = s));
            }
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Eventually.until(Duration.ofSeconds(30), () -> subscribersAtBroker.applyAsLong(ROOM) == nodes.size(),
                () -> "every node subscribed");
        long connected = System.nanoTime();

        List<CompletableFuture<?>> sending = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (int k = 0; k < MESSAGES; k++) {
                sending.add(members.get(i).session.sendText("member " + i + " says " + k).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int total = members.size() * MESSAGES;
        Eventually.until(Duration.ofSeconds(120), () -> members.stream().allMatch(m -> m.count.get() >= total),
                () -> "received " + members.stream().mapToInt(m -> m.count.get()).min().orElse(0) + " of " + total
                        + " at the least; " + nodes.stream().map(n -> n.bus.stats().toString()).toList());
        long delivered = System.nanoTime();
        Thread.sleep(300); // time for a duplicate to show up, if there were one

        Set<String> all = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            for (int k = 0; k < MESSAGES; k++) {
                all.add("member " + i + " says " + k);
            }
        }
        for (Member m : members) {
            assertEquals(0, m.duplicates.get(), "no message twice");
            assertEquals(all, m.seen, "every message, from every node");
        }
        int fromEachNode = PER_NODE * MESSAGES;
        for (Node n : nodes) {
            assertEquals(new BusStats(fromEachNode, fromEachNode, 0, 2L * fromEachNode, 0, 0, true), n.bus.stats());
            assertEquals(total, n.server.topics().stats(ROOM).published() + 2L * fromEachNode,
                    "published here or received from the others");
            assertEquals((long) total * PER_NODE, n.server.topics().stats(ROOM).delivered(), "to every member here");
        }
        System.out.printf("chat: 3 nodes x %d clients, %d messages, %,d deliveries: connected in %d ms, delivered"
                        + " in %d ms%n", PER_NODE, total, (long) total * members.size(),
                (connected - t0) / 1_000_000, (delivered - connected) / 1_000_000);
    }
}
