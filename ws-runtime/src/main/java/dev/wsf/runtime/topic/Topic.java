package dev.wsf.runtime.topic;

import dev.wsf.api.Session;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.TopicStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One topic: who is subscribed, grouped by the I/O thread each member's deliveries run on, so a
 * publish costs one hand-off per thread, and its counters. The groups' member lists are touched
 * only on their own thread (subscribing and unsubscribing are tasks there too, which also keeps
 * them in order with publishes).
 *
 * <p>What happens per delivery (delivered, skipped) is counted per group, in plain fields that
 * only the group's thread writes, and summed when the stats are read: a publish to N members of
 * one thread costs no atomic operation per member, and the sum stays exact (groups are never
 * dropped, so a member that leaves keeps its part). Counted once per publish or rarely
 * (published, closed for slowness), from any thread, the rest stay {@link LongAdder}s.
 */
final class Topic {
    private final String name;
    private final Map<TopicMember, Subscription> members = new ConcurrentHashMap<>();
    private final List<Group> groups = new CopyOnWriteArrayList<>();
    private final Counters counters;
    private volatile SlowConsumerPolicy policy = SlowConsumerPolicy.DEFAULT;
    private volatile boolean policySet;

    Topic(String name, WebSocketMetrics metrics) {
        this.name = name;
        this.counters = new Counters(metrics);
    }

    String name() {
        return name;
    }

    SlowConsumerPolicy policy() {
        return policy;
    }

    void policy(SlowConsumerPolicy p) {
        policy = p;
        policySet = true;
    }

    /** Whether the topic may be forgotten: nobody subscribed, nothing configured. */
    boolean disposable() {
        return members.isEmpty() && !policySet;
    }

    Counters counters() {
        return counters;
    }

    int size() {
        return members.size();
    }

    /** Adds a subscription, or returns null if the member is subscribed already. */
    Subscription add(TopicMember member, SlowConsumerPolicy own) {
        Group g = groupFor(member.deliveryThread());
        Subscription s = new Subscription(this, g, member, own);
        if (members.putIfAbsent(member, s) != null) {
            return null;
        }
        g.size.incrementAndGet();
        g.thread.execute(() -> g.members.add(s));
        return s;
    }

    /** Removes a member's subscription; null if it had none. */
    Subscription remove(TopicMember member) {
        Subscription s = members.remove(member);
        if (s != null) {
            Group g = groupFor(member.deliveryThread());
            g.size.decrementAndGet();
            g.thread.execute(() -> g.members.remove(s));
        }
        return s;
    }

    Subscription subscription(TopicMember member) {
        return members.get(member);
    }

    List<Session> sessions() {
        List<Session> sessions = new ArrayList<>(members.size());
        for (TopicMember m : members.keySet()) {
            if (m instanceof Session s) {
                sessions.add(s);
            }
        }
        return sessions;
    }

    /** Hands {@code frame}, published on this node, to every thread with members, once each. */
    int publish(SharedFrame frame) {
        counters.published.increment();
        return deliver(frame);
    }

    /** Hands {@code frame} to every thread with members, once each: a message from this node or another. */
    int deliver(SharedFrame frame) {
        int handed = 0;
        for (Group g : groups) {
            int n = g.size.get();
            if (n > 0) {
                handed += n;
                g.thread.execute(() -> g.deliver(frame));
            }
        }
        return handed;
    }

    private Group groupFor(Executor thread) {
        for (Group g : groups) {
            if (g.thread == thread) {
                return g;
            }
        }
        synchronized (groups) {
            for (Group g : groups) {
                if (g.thread == thread) {
                    return g;
                }
            }
            Group g = new Group(thread, counters.metrics);
            groups.add(g);
            return g;
        }
    }

    TopicStats stats() {
        long delivered = 0;
        long skipped = 0;
        for (Group g : groups) {
            delivered += g.deliveredCount();
            skipped += g.skippedCount();
        }
        return new TopicStats(name, members.size(), counters.published.sum(), delivered, skipped,
                counters.closedForSlowness.sum());
    }

    /**
     * The members whose deliveries run on one thread, and what was delivered to them and skipped:
     * the list and the counts are that thread's alone to change (the counts are read from anywhere).
     */
    static final class Group {
        private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
        // In the middle of an array of their own: at least 64 bytes from either end, so that no
        // other object shares their cache line (the groups of different threads, allocated side
        // by side, would otherwise make their threads' caches fight over it at every delivery).
        private static final int DELIVERED = 7;
        private static final int SKIPPED = 8;

        final Executor thread;
        final List<Subscription> members = new ArrayList<>();
        final AtomicInteger size = new AtomicInteger();
        private final WebSocketMetrics metrics;
        // Written on the group's thread only, by a release store (a plain one on most hardware,
        // yet never torn), so that no increment is lost and a reader sees whole values.
        private final long[] counts = new long[16];

        Group(Executor thread, WebSocketMetrics metrics) {
            this.thread = thread;
            this.metrics = metrics;
        }

        /** A message was queued for a member; on the group's thread only. */
        void delivered() {
            COUNT.setRelease(counts, DELIVERED, counts[DELIVERED] + 1);
        }

        /** A message was not queued for a member, too slow; on the group's thread only. */
        void skipped() {
            COUNT.setRelease(counts, SKIPPED, counts[SKIPPED] + 1);
            metrics.topicSkipped();
        }

        long deliveredCount() {
            return (long) COUNT.getAcquire(counts, DELIVERED);
        }

        long skippedCount() {
            return (long) COUNT.getAcquire(counts, SKIPPED);
        }

        void deliver(SharedFrame frame) {
            for (int i = 0; i < members.size(); i++) {
                Subscription s = members.get(i);
                s.member().deliver(frame, s); // contained by the member: a failure ends that session only
            }
        }
    }

    /** What happened to the topic's messages, counted from any thread; per delivery, see {@link Group}. */
    static final class Counters {
        private final WebSocketMetrics metrics;
        private final LongAdder published = new LongAdder();
        private final LongAdder closedForSlowness = new LongAdder();

        Counters(WebSocketMetrics metrics) {
            this.metrics = metrics;
        }

        void closedForSlowness() {
            closedForSlowness.increment();
        }
    }
}
