package dev.wsf.runtime.topic;

import java.util.concurrent.Executor;

/** What a session is to the topics: somewhere to deliver, on its own I/O thread. */
public interface TopicMember {

    /**
     * The I/O thread the member's deliveries run on; members of one thread share a hand-off.
     *
     * @return an executor for the member's I/O thread
     */
    Executor deliveryThread();

    /**
     * Whether the member may still receive messages.
     *
     * @return false once the session is no longer open
     */
    boolean acceptsMessages();

    /**
     * Queues {@code frame} for the member, under the subscription's slow-consumer policy. Called
     * on {@link #deliveryThread()} only.
     *
     * @param frame the message, shared with other members
     * @param subscription the member's subscription to the topic, with its policy
     */
    void deliver(SharedFrame frame, Subscription subscription);

    /**
     * The member's subscriptions changed: it joined {@code s} (true) or left it (false).
     *
     * @param s the subscription
     * @param joined true if the member joined, false if it left
     */
    void subscriptionsChanged(Subscription s, boolean joined);
}
