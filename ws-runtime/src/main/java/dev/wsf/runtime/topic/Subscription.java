package dev.wsf.runtime.topic;

import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.SubscriptionStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One member's subscription to one topic: its slow-consumer policy and counters, and, under the
 * keep-newest policy, the newest message waiting for the member to catch up. Written only on the
 * member's delivery thread (the counting methods must be called there, and only there); read from
 * anywhere.
 */
public final class Subscription {
    private static final VarHandle DELIVERED;
    private static final VarHandle SKIPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DELIVERED = lookup.findVarHandle(Subscription.class, "delivered", long.class);
            SKIPPED = lookup.findVarHandle(Subscription.class, "skipped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Topic topic;
    private final Topic.Group group;
    private final TopicMember member;
    private final SlowConsumerPolicy ownPolicy;
    // The delivery thread's alone to write (by a release store: cheaper than a volatile one, and
    // never torn); read with acquire from anywhere.
    private long delivered;
    private long skipped;
    private SharedFrame newest; // keep-newest: waiting for the backlog to drain (delivery thread)

    Subscription(Topic topic, Topic.Group group, TopicMember member, SlowConsumerPolicy ownPolicy) {
        this.topic = topic;
        this.group = group;
        this.member = member;
        this.ownPolicy = ownPolicy;
    }

    /**
     * The topic subscribed to.
     *
     * @return the topic's name
     */
    public String topic() {
        return topic.name();
    }

    TopicMember member() {
        return member;
    }

    /**
     * Its own policy, or its topic's.
     *
     * @return the policy this subscription's member is held to
     */
    public SlowConsumerPolicy policy() {
        return ownPolicy != null ? ownPolicy : topic.policy();
    }

    /** A message was queued for the member; on the delivery thread only. */
    public void delivered() {
        DELIVERED.setRelease(this, delivered + 1);
        group.delivered();
    }

    /** A message was not queued: the member was too slow; on the delivery thread only. */
    public void skipped() {
        SKIPPED.setRelease(this, skipped + 1);
        group.skipped();
    }

    /** The close policy ended the member. */
    public void closedForSlowness() {
        topic.counters().closedForSlowness();
    }

    /**
     * Keeps {@code frame} as the message to send once the member catches up.
     *
     * @param frame the newest message, replacing any kept before
     * @return true if it replaced an older one, which is thereby skipped
     */
    public boolean keepNewest(SharedFrame frame) {
        boolean replaced = newest != null;
        newest = frame;
        if (replaced) {
            skipped();
        }
        return replaced;
    }

    /**
     * The kept message, if any, now to be sent.
     *
     * @return the message, or null if none is kept; none is kept afterwards
     */
    public SharedFrame takeNewest() {
        SharedFrame f = newest;
        newest = null;
        return f;
    }

    /**
     * What this subscription has delivered and skipped.
     *
     * @return how many messages were delivered and skipped so far
     */
    public SubscriptionStats stats() {
        return new SubscriptionStats((long) DELIVERED.getAcquire(this), (long) SKIPPED.getAcquire(this));
    }

    @Override
    public String toString() {
        return "Subscription[" + topic.name() + "]";
    }
}
