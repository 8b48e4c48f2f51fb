package dev.wsf.runtime.topic;

import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.SubscriptionStats;

/**
 * One member's subscription to one topic: its slow-consumer policy and counters, and, under the
 * keep-newest policy, the newest message waiting for the member to catch up. Written only on the
 * member's delivery thread; read from anywhere.
 */
public final class Subscription {
    private final Topic topic;
    private final TopicMember member;
    private final SlowConsumerPolicy ownPolicy;
    private volatile long delivered;
    private volatile long skipped;
    private SharedFrame newest; // keep-newest: waiting for the backlog to drain (delivery thread)

    Subscription(Topic topic, TopicMember member, SlowConsumerPolicy ownPolicy) {
        this.topic = topic;
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

    /** A message was queued for the member. */
    public void delivered() {
        delivered++;
        topic.counters().delivered();
    }

    /** A message was not queued: the member was too slow. */
    public void skipped() {
        skipped++;
        topic.counters().skipped();
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
        return new SubscriptionStats(delivered, skipped);
    }

    @Override
    public String toString() {
        return "Subscription[" + topic.name() + "]";
    }
}
