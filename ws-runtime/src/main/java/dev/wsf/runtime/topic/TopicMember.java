package dev.wsf.runtime.topic;

import java.util.concurrent.Executor;

/** What a session is to the topics: somewhere to deliver, on its own I/O thread. */
public interface TopicMember {

    /** The I/O thread the member's deliveries run on; members of one thread share a hand-off. */
    Executor deliveryThread();

    /** Whether the member may still receive messages. */
    boolean acceptsMessages();

    /**
     * Queues {@code frame} for the member, under the subscription's slow-consumer policy. Called
     * on {@link #deliveryThread()} only.
     */
    void deliver(SharedFrame frame, Subscription subscription);

    /** The member's subscriptions changed: it joined {@code s} (true) or left it (false). */
    void subscriptionsChanged(Subscription s, boolean joined);
}
