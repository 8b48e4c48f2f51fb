package dev.wsf.samples.ticker;

import dev.wsf.api.Session;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.SubscriptionStats;
import dev.wsf.api.TopicStats;
import dev.wsf.api.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a {@link TickerUpdate} to the topic {@value #TOPIC} at a fixed rate, from one thread
 * of its own. The topic encodes each update once and queues the same bytes for every subscriber.
 *
 * <h2>Slow consumers</h2>
 * Publishing never blocks: each subscriber has its own queue, which its I/O thread writes as the
 * peer's socket takes it. The queue stays near empty for a peer that keeps up and grows only for
 * one that doesn't read (a stalled tab, a phone on a bad network). The topic's policy,
 * {@link SlowConsumerPolicy#skip skip} above {@link TickerSettings#maxBuffered()}, skips such a
 * subscriber until it has caught up, and counts what it missed:
 * <ul>
 * <li>it gets the newest prices when it resumes, not a backlog of stale ones;</li>
 * <li>the server holds at most {@code maxBuffered} plus one update for it, instead of queueing
 *     until {@code maxBufferedOutput} (16 MiB by default) is reached, when the runtime would
 *     close it with 1008;</li>
 * <li>everyone else is unaffected: nothing waits for the slow one.</li>
 * </ul>
 */
public final class Ticker implements AutoCloseable {
    /** The topic every {@code /ticker} session subscribes to. */
    public static final String TOPIC = "ticker";
    private static final System.Logger LOG = System.getLogger(Ticker.class.getName());
    private static final String[] NAMES = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI", "STARK", "WAYNE", "TYRELL"};

    private final TickerSettings settings;
    private final Topics topics;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ticker");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong published = new AtomicLong();
    // Publisher thread only.
    private final Random random = new Random(42);
    private final double[] prices;

    /** What the topic did for one subscriber so far, and what is still queued for it. */
    public record SubscriberStats(String sessionId, long sent, long skipped, long bufferedBytes) {
    }

    /**
     * @param topics the server's topics, able to publish records (the annotation layer's
     *               {@code AnnotatedEndpoints.topics(server.topics())}, which encodes them as JSON)
     */
    public Ticker(TickerSettings settings, Topics topics) {
        this.settings = settings;
        this.topics = topics;
        topics.policy(TOPIC, SlowConsumerPolicy.skip(settings.maxBuffered()));
        this.prices = new double[settings.symbols()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = 50 + random.nextInt(150);
        }
    }

    /** Starts publishing. */
    public Ticker start() {
        long nanos = settings.period().toNanos();
        clock.scheduleAtFixedRate(this::publishQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
        return this;
    }

    /** Updates published so far. */
    public long published() {
        return published.get();
    }

    /** The topic's counters: subscribers, updates published, delivered and skipped. */
    public TopicStats stats() {
        return topics.stats(TOPIC);
    }

    /** The current subscribers, in no particular order. */
    public List<SubscriberStats> subscribers() {
        List<SubscriberStats> all = new ArrayList<>();
        for (Session s : topics.subscribers(TOPIC)) {
            Optional<SubscriptionStats> stats = topics.stats(s, TOPIC); // empty if it just left
            stats.ifPresent(st -> all.add(new SubscriberStats(s.id(), st.delivered(), st.skipped(), s.bufferedAmount())));
        }
        return all;
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }

    private void publishQuietly() {
        try {
            topics.publishObject(TOPIC, new TickerUpdate(published.incrementAndGet(), System.currentTimeMillis(),
                    nextQuotes()));
        } catch (RuntimeException e) {
            // An exception would silently cancel the periodic task: log it and keep ticking.
            LOG.log(System.Logger.Level.ERROR, "publishing failed", e);
        }
    }

    private List<Quote> nextQuotes() {
        List<Quote> quotes = new ArrayList<>(prices.length);
        for (int i = 0; i < prices.length; i++) {
            prices[i] = Math.max(1, prices[i] * (1 + random.nextGaussian() * 0.002));
            String symbol = i < NAMES.length ? NAMES[i] : NAMES[i % NAMES.length] + "-" + i / NAMES.length;
            quotes.add(new Quote(symbol, Math.round(prices[i] * 100) / 100.0));
        }
        return quotes;
    }
}
