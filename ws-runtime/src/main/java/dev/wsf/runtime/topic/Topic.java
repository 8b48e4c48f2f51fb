package dev.wsf.runtime.topic;

import dev.wsf.api.Session;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.TopicStats;
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
        Subscription s = new Subscription(this, member, own);
        if (members.putIfAbsent(member, s) != null) {
            return null;
        }
        Group g = groupFor(member.deliveryThread());
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
            Group g = new Group(thread);
            groups.add(g);
            return g;
        }
    }

    TopicStats stats() {
        return new TopicStats(name, members.size(), counters.published.sum(), counters.delivered.sum(),
                counters.skipped.sum(), counters.closedForSlowness.sum());
    }

    /** The members whose deliveries run on one thread; the list is that thread's alone. */
    private static final class Group {
        final Executor thread;
        final List<Subscription> members = new ArrayList<>();
        final AtomicInteger size = new AtomicInteger();

        Group(Executor thread) {
            this.thread = thread;
        }

        void deliver(SharedFrame frame) {
            for (int i = 0; i < members.size(); i++) {
                Subscription s = members.get(i);
                s.member().deliver(frame, s); // contained by the member: a failure ends that session only
            }
        }
    }

    /** What happened to the topic's messages. */
    static final class Counters {
        private final WebSocketMetrics metrics;
        private final LongAdder published = new LongAdder();
        private final LongAdder delivered = new LongAdder();
        private final LongAdder skipped = new LongAdder();
        private final LongAdder closedForSlowness = new LongAdder();

        void delivered() {
            delivered.increment();
        }

        Counters(WebSocketMetrics metrics) {
            this.metrics = metrics;
        }

        void skipped() {
            skipped.increment();
            metrics.topicSkipped();
        }

        void closedForSlowness() {
            closedForSlowness.increment();
        }
    }
}
