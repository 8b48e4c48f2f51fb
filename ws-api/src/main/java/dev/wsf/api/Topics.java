package dev.wsf.api;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Publish/subscribe for the sessions of one server (or client): sessions subscribe to named
 * topics, and a message published to a topic goes to every subscriber. As in uWebSockets'
 * topics or Socket.IO's rooms; get it from {@link Session#topics()}, from the server, or as a
 * parameter of an annotated callback.
 *
 * <h2>Fan-out</h2>
 * A published message is framed (and, for subscribers whose permessage-deflate allows it,
 * compressed) once, and the same bytes are queued for every subscriber: no per-subscriber copy,
 * future or encoding, and one hand-off per I/O thread. A subscriber sees one publisher's
 * messages to one topic in publish order.
 *
 * <h2>Slow consumers</h2>
 * A subscriber that reads slower than messages come is handled by the topic's
 * {@link SlowConsumerPolicy} (or its own, given when it subscribed): skip messages until it
 * catches up, keep only the newest, or close it with 1008. Its memory stays bounded either way,
 * and a message queued for many subscribers costs its bytes once.
 *
 * <h2>Rules</h2>
 * Every method may be called from any thread, inside a callback or outside. A session leaves all
 * its topics when it closes; subscribing a closed session does nothing. Publishing to a topic
 * without subscribers is cheap and fine. Topic names are non-empty and at most
 * {@value #MAX_NAME_LENGTH} characters.
 *
 * @since 0.1
 */
public interface Topics {
    /** The longest topic name, in characters. */
    int MAX_NAME_LENGTH = 256;

    /**
     * Subscribes {@code session} to {@code topic}, with the topic's slow-consumer policy (or
     * {@link SlowConsumerPolicy#DEFAULT} if the topic has none). Subscribing again while
     * subscribed changes nothing; a closed session is not subscribed.
     *
     * @param session a session of this server or client
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @throws IllegalArgumentException if the name is empty or too long, or the session is not one of
     *                                  this server's or client's
     */
    void subscribe(Session session, String topic);

    /**
     * Subscribes {@code session} to {@code topic}, with a policy of its own. If it is already
     * subscribed, its subscription and policy stay as they are.
     *
     * @param session a session of this server or client
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @param policy  what to do when this subscriber falls behind, instead of the topic's policy
     * @throws IllegalArgumentException if the name is empty or too long, or the session is not one of
     *                                  this server's or client's
     * @throws NullPointerException     if {@code policy} is null
     */
    void subscribe(Session session, String topic, SlowConsumerPolicy policy);

    /**
     * Unsubscribes {@code session} from {@code topic}; does nothing if it was not subscribed.
     *
     * @param session a session of this server or client
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @throws IllegalArgumentException if the name is empty or too long, or the session is not one of
     *                                  this server's or client's
     */
    void unsubscribe(Session session, String topic);

    /**
     * The topics {@code session} is subscribed to.
     *
     * @param session a session of this server or client
     * @return a snapshot of the topic names; empty for a closed session
     * @throws IllegalArgumentException if the session is not one of this server's or client's
     */
    Set<String> topicsOf(Session session);

    /**
     * Sends {@code text} to every subscriber of {@code topic}, and to the other nodes when the
     * server has a {@link dev.wsf.api.topic.TopicBus}.
     *
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @param text  the message, sent as one text message
     * @return how many subscribers on this node it was handed to; zero if none
     * @throws IllegalArgumentException if the name is empty or too long
     */
    int publish(String topic, CharSequence text);

    /**
     * Sends {@code binary} (position to limit; not modified, and not to be modified after) to every subscriber.
     *
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @param binary  the message, sent as one binary message
     * @return how many subscribers on this node it was handed to; zero if none
     * @throws IllegalArgumentException if the name is empty or too long
     */
    int publish(String topic, ByteBuffer binary);

    /**
     * Sends an object to every subscriber: text and byte buffers as such; other objects need an
     * encoder, which the annotation layer's handle provides (JSON for records and POJOs): the
     * {@code Topics} a callback gets as a parameter, or {@code AnnotatedEndpoints.topics(...)}.
     *
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @param message a {@link CharSequence} (sent as text), a {@link ByteBuffer} or {@code byte[]}
     *                (sent as binary), or an object this handle can encode
     * @return how many subscribers on this node it was handed to
     * @throws IllegalArgumentException if this handle cannot encode the object
     */
    default int publishObject(String topic, Object message) {
        if (message instanceof CharSequence text) {
            return publish(topic, text);
        }
        if (message instanceof ByteBuffer binary) {
            return publish(topic, binary);
        }
        if (message instanceof byte[] bytes) {
            return publish(topic, ByteBuffer.wrap(bytes));
        }
        throw new IllegalArgumentException("no encoder for " + message.getClass().getName()
                + " here: publish through the annotation layer's Topics, which encodes objects as JSON");
    }

    /**
     * The sessions subscribed to {@code topic} on this server (not on other nodes of a cluster).
     *
     * @param topic the topic name
     * @return a snapshot of the subscribers; empty for an unknown topic
     */
    Set<Session> subscribers(String topic);

    /**
     * How many sessions are subscribed to {@code topic} on this server.
     *
     * @param topic the topic name
     * @return the number of subscribers now; zero for an unknown topic
     */
    int subscriberCount(String topic);

    /**
     * The topics that have at least one subscriber on this server.
     *
     * @return a snapshot of the topic names
     */
    Set<String> topics();

    /**
     * Sets the slow-consumer policy of {@code topic} for subscriptions that do not bring their own.
     * It may be set before anyone subscribes, and applies to current subscribers too.
     *
     * @param topic   the topic name, 1 to {@value #MAX_NAME_LENGTH} characters
     * @param policy  the policy; topics never given one use {@link SlowConsumerPolicy#DEFAULT}
     * @throws IllegalArgumentException if the name is empty or too long
     * @throws NullPointerException     if {@code policy} is null
     */
    void policy(String topic, SlowConsumerPolicy policy);

    /**
     * The counters of {@code topic} since it was first used.
     *
     * @param topic the topic name
     * @return a snapshot; all zeros for a topic never used, or dropped when its last subscriber
     *         left (a topic given a policy is kept)
     */
    TopicStats stats(String topic);

    /**
     * The counters of one subscription, if {@code session} is subscribed to {@code topic}.
     *
     * @param session a session of this server or client
     * @param topic   the topic name
     * @return a snapshot, or empty if the session is not subscribed to the topic
     */
    java.util.Optional<SubscriptionStats> stats(Session session, String topic);
}
