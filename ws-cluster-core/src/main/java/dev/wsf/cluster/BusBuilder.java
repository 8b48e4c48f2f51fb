package dev.wsf.cluster;

import dev.wsf.api.topic.TopicBus;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every bus's builder has: how much may wait for the broker, whether messages wait
 * for it while it is out of reach, and how quickly the bus tries again.
 *
 * @param <B> the bus's own builder, which these setters return
 * @since 0.1
 */
public abstract class BusBuilder<B extends BusBuilder<B>> {
    private int maxPending = 10_000;
    private boolean bufferWhileDisconnected;
    private Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    /** Starts from the defaults that each setter names. */
    protected BusBuilder() {
    }

    /**
     * How many published messages may wait for the broker (for a connection, to be written, or
     * for its answer: each bus says which) before more are dropped and counted; 10,000 by default.
     *
     * @param maxPending the limit, in messages; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxPending} is below 1
     */
    public B maxPending(int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive: " + maxPending);
        }
        this.maxPending = maxPending;
        return self();
    }

    /**
     * Whether messages published while the broker is out of reach wait for it (up to
     * {@link #maxPending(int)}) or are dropped at once, as by default. Waiting messages go out
     * when this node is connected again, and reach only the nodes that are subscribed again by
     * then. Dropped ones are counted either way.
     *
     * @param buffer true to keep messages while disconnected; false, the default, to drop them
     * @return this builder
     */
    public B bufferWhileDisconnected(boolean buffer) {
        this.bufferWhileDisconnected = buffer;
        return self();
    }

    /**
     * The range of waits between connection attempts: each failed attempt doubles the upper end,
     * from {@code min} up to {@code max}, and the wait is random below it. 100 ms to 10 s by
     * default.
     *
     * @param min the shortest wait; positive
     * @param max the longest wait; at least {@code min}
     * @return this builder
     * @throws IllegalArgumentException if {@code min} is not positive or {@code max} is below it
     * @throws NullPointerException if either is null
     */
    public B reconnectDelay(Duration min, Duration max) {
        Objects.requireNonNull(min, "reconnectDelay min");
        Objects.requireNonNull(max, "reconnectDelay max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnectDelay needs 0 < min <= max, not min " + min + " and max " + max);
        }
        this.backoff = new Backoff(min, max);
        return self();
    }

    /**
     * The bus, not started yet: the server starts it.
     *
     * @return a new bus with this builder's settings
     */
    public abstract TopicBus build();

    /**
     * What was set, for the bus that the subclass builds.
     *
     * @return the settings as they are now, defaults for those not set
     */
    protected final BusSettings settings() {
        return new BusSettings(maxPending, bufferWhileDisconnected, backoff);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
