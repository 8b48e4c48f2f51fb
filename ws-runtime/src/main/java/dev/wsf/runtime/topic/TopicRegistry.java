package dev.wsf.runtime.topic;

import dev.wsf.api.Session;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.SubscriptionStats;
import dev.wsf.api.extension.Opcode;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.api.TopicStats;
import dev.wsf.api.Topics;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topics of one server (or client). Topics come into being with their first subscriber and
 * are forgotten with their last (unless given a policy), so names that clients make up cost
 * nothing once they are gone.
 *
 * <p>With a {@link TopicBus} (a cluster), a topic's first local subscriber subscribes this node
 * at the broker and its last one unsubscribes it, inside the same atomic step as the change, so
 * the two never cross; every local publish also goes to the bus, and messages from other nodes
 * are delivered here only.
 */
public final class TopicRegistry implements Topics {
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final TopicBus bus; // null on a single node
    private final String nodeId;
    private final WebSocketMetrics metrics;

    /** Topics of a single node. */
    public TopicRegistry() {
        this(null, "local", WebSocketMetrics.NONE);
    }

    /**
     * Topics linked to other nodes through {@code bus} (null for none); {@code nodeId} names this
     * node; {@code metrics} hears of publishes and skips.
     *
     * @param bus the cluster's bus, or null for a single node
     * @param nodeId this node's id, unique in the cluster
     * @param metrics hears of publishes and skipped deliveries
     */
    public TopicRegistry(TopicBus bus, String nodeId, WebSocketMetrics metrics) {
        this.bus = bus;
        this.nodeId = nodeId;
        this.metrics = metrics;
    }

    /** Starts receiving other nodes' messages, if there is a bus. */
    public void start() {
        if (bus != null) {
            bus.start(nodeId, this::receive);
        }
    }

    @Override
    public void subscribe(Session session, String topic) {
        join(session, topic, null);
    }

    @Override
    public void subscribe(Session session, String topic, SlowConsumerPolicy policy) {
        join(session, topic, Objects.requireNonNull(policy, "policy"));
    }

    private void join(Session session, String name, SlowConsumerPolicy policy) {
        checkName(name);
        TopicMember member = member(session);
        if (!member.acceptsMessages()) {
            return; // closed or closing: nothing to join
        }
        Subscription[] added = new Subscription[1];
        topics.compute(name, (n, t) -> {
            Topic topic = t != null ? t : new Topic(n, metrics);
            added[0] = topic.add(member, policy);
            if (added[0] != null && topic.size() == 1 && bus != null) {
                bus.subscribe(n); // the first subscriber on this node: receive the topic from the others
            }
            return topic;
        });
        if (added[0] != null) {
            member.subscriptionsChanged(added[0], true);
            if (!member.acceptsMessages()) {
                leave(member, name); // it closed meanwhile, perhaps before leaving its other topics
            }
        }
    }

    @Override
    public void unsubscribe(Session session, String name) {
        checkName(name);
        leave(member(session), name);
    }

    private void leave(TopicMember member, String name) {
        Subscription[] removed = new Subscription[1];
        topics.computeIfPresent(name, (n, topic) -> {
            removed[0] = topic.remove(member);
            if (removed[0] != null && topic.size() == 0 && bus != null) {
                bus.unsubscribe(n); // nobody here wants it any more
            }
            return topic.disposable() ? null : topic;
        });
        if (removed[0] != null) {
            member.subscriptionsChanged(removed[0], false);
        }
    }

    /**
     * Takes a member out of every topic it is in: it is closing.
     *
     * @param member the closing member
     * @param names the topics it is in; a topic it is not in is skipped
     */
    public void leaveAll(TopicMember member, List<String> names) {
        for (String name : names) {
            leave(member, name);
        }
    }

    @Override
    public Set<String> topicsOf(Session session) {
        TopicMember member = member(session);
        Set<String> names = new HashSet<>();
        topics.forEach((name, topic) -> {
            if (topic.subscription(member) != null) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public int publish(String topic, CharSequence text) {
        checkName(topic);
        return publish(topic, SharedFrame.text(text));
    }

    @Override
    public int publish(String topic, ByteBuffer binary) {
        checkName(topic);
        return publish(topic, SharedFrame.binary(binary));
    }

    /** To this node's subscribers directly, and to the other nodes through the bus. */
    private int publish(String topic, SharedFrame frame) {
        if (bus != null) {
            bus.publish(new TopicMessage(topic, frame.opcode() == Opcode.BINARY, frame.payloadBytes(), nodeId));
        }
        Topic t = topics.get(topic);
        int handed = t == null ? 0 : t.publish(frame);
        metrics.topicPublished(handed);
        return handed;
    }

    /** A message from another node: for this node's subscribers only, never published again. */
    private void receive(TopicMessage m) {
        if (m.origin().equals(nodeId)) {
            return; // ours, already delivered here
        }
        Topic t = topics.get(m.topic());
        if (t != null) {
            ByteBuffer payload = ByteBuffer.wrap(m.payload());
            t.deliver(m.binary() ? SharedFrame.binary(payload) : SharedFrame.utf8(payload));
        }
    }

    @Override
    public Set<Session> subscribers(String topic) {
        Topic t = topics.get(topic);
        return t == null ? Set.of() : Set.copyOf(t.sessions());
    }

    @Override
    public int subscriberCount(String topic) {
        Topic t = topics.get(topic);
        return t == null ? 0 : t.size();
    }

    @Override
    public Set<String> topics() {
        Set<String> names = new HashSet<>();
        topics.forEach((name, topic) -> {
            if (topic.size() > 0) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public void policy(String topic, SlowConsumerPolicy policy) {
        checkName(topic);
        Objects.requireNonNull(policy, "policy");
        topics.compute(topic, (n, t) -> {
            Topic existing = t != null ? t : new Topic(n, metrics);
            existing.policy(policy);
            return existing;
        });
    }

    @Override
    public TopicStats stats(String topic) {
        Topic t = topics.get(topic);
        return t == null ? new TopicStats(topic, 0, 0, 0, 0, 0) : t.stats();
    }

    @Override
    public Optional<SubscriptionStats> stats(Session session, String topic) {
        Topic t = topics.get(topic);
        Subscription s = t == null ? null : t.subscription(member(session));
        return s == null ? Optional.empty() : Optional.of(s.stats());
    }

    /** Forgets every topic and leaves the cluster: the server is stopping. */
    public void clear() {
        topics.clear();
        if (bus != null) {
            bus.close();
        }
    }

    private static TopicMember member(Session session) {
        if (session instanceof TopicMember m) {
            return m;
        }
        throw new IllegalArgumentException("not a session of this server or client: " + session);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "topic");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a topic name has 1 to " + MAX_NAME_LENGTH + " characters, not "
                    + name.length());
        }
    }
}
