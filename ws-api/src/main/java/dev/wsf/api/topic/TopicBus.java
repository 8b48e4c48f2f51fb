package dev.wsf.api.topic;

/**
 * What connects the topics of one server to those of other servers (nodes) through a broker, so
 * that a message published on one node reaches the topic's subscribers on every node. Given to
 * the server with {@code ServerConfig.Builder#topicBus}; implementations: {@code wsf-cluster-redis},
 * {@code wsf-cluster-nats}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The server calls {@link #start} once, before anything else, and {@link #close} when it
 *   stops.</li>
 *   <li>{@link #subscribe} when a topic gets its first subscriber on this node, and
 *   {@link #unsubscribe} when its last one leaves: a node receives nothing for topics it does not
 *   serve. The bus keeps these subscriptions across reconnections.</li>
 *   <li>{@link #publish} sends a message published on this node to the others; the server has
 *   already delivered it to its own subscribers, and the bus must never hand it back (drop
 *   received messages whose {@link TopicMessage#origin()} is this node). It must never block: it
 *   may be called on an I/O thread. While the broker is out of reach, messages are buffered up to
 *   a bound, then dropped and counted.</li>
 *   <li>Messages from other nodes go to {@link Receiver#deliver}, which delivers them to this
 *   node's subscribers only. A payload that is not an envelope ({@link TopicEnvelope}) is
 *   ignored and counted.</li>
 *   <li>A broker that is down at start, or restarts, is retried with backoff, forever; local
 *   delivery never waits for it.</li>
 * </ul>
 *
 * @since 0.1
 */
public interface TopicBus extends AutoCloseable {

    /** Where messages from other nodes go: this node's subscribers. */
    @FunctionalInterface
    interface Receiver {
        /**
         * Delivers a message from another node to this node's subscribers of its topic. May be
         * called from any thread, such as the broker client's; it hands the message to the I/O
         * threads of the subscribers and returns without waiting. Messages whose origin is this
         * node are ignored.
         *
         * @param message the decoded message
         */
        void deliver(TopicMessage message);
    }

    /**
     * Connects (or starts trying to) and from now on passes other nodes' messages to {@code receiver}.
     *
     * @param nodeId this node's id, the {@link TopicMessage#origin()} of what it publishes
     * @param receiver where to hand each message received from another node
     */
    void start(String nodeId, Receiver receiver);

    /**
     * Starts receiving {@code topic} from the other nodes. Called while the server holds its lock
     * on the topic, so it must not block: queue the broker command and return.
     *
     * @param topic the topic's name
     */
    void subscribe(String topic);

    /**
     * Stops receiving {@code topic} from the other nodes. Called while the server holds its lock on
     * the topic, so it must not block: queue the broker command and return.
     *
     * @param topic the topic's name
     */
    void unsubscribe(String topic);

    /**
     * Sends a message published on this node to the other nodes. Never blocks.
     *
     * @param message the message, whose origin is this node's id
     */
    void publish(TopicMessage message);

    /**
     * What the bus has done since it started.
     *
     * @return a snapshot of the counters; safe to call from any thread
     */
    BusStats stats();

    /**
     * Disconnects from the broker and stops retrying; the server calls it once, when it stops.
     * Unlike {@link AutoCloseable#close()}, throws no checked exception.
     */
    @Override
    void close();
}
