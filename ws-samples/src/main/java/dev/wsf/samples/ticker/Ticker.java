package dev.wsf.samples.ticker;

import dev.wsf.api.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.ObjectMapper;

/**
 * Publishes a {@link TickerUpdate} to every subscriber at a fixed rate, from one thread of its
 * own, and skips subscribers that read too slowly.
 *
 * <h2>Slow consumers</h2>
 * {@link Session#sendText} never blocks: it queues the message and the I/O thread writes it when
 * the peer's socket takes it. {@link Session#bufferedAmount()} is what is still queued. It stays
 * near zero for a peer that keeps up and grows only for one that doesn't read (a stalled tab, a
 * phone on a bad network). Such a subscriber is skipped until it has caught up, and counted:
 * <ul>
 * <li>it gets the newest prices when it resumes, not a backlog of stale ones;</li>
 * <li>the server holds at most {@code maxBuffered} plus one update for it, instead of queueing
 *     until {@code maxBufferedOutput} (16 MiB by default) is reached, when the runtime would
 *     close it with 1008;</li>
 * <li>everyone else is unaffected: each session has its own queue, and nothing waits for the
 *     slow one.</li>
 * </ul>
 */
public final class Ticker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Ticker.class.getName());
    private static final String[] NAMES = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI", "STARK", "WAYNE", "TYRELL"};

    private final TickerSettings settings;
    private final ObjectMapper json;
    private final Map<Session, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ticker");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong published = new AtomicLong();
    // Publisher thread only.
    private final Random random = new Random(42);
    private final double[] prices;

    /** What the ticker did for one subscriber so far. */
    public record SubscriberStats(String sessionId, long sent, long skipped, long bufferedBytes) {
    }

    private record Subscriber(Session session, AtomicLong sent, AtomicLong skipped) {
    }

    public Ticker(TickerSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
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

    void subscribe(Session session) {
        subscribers.put(session, new Subscriber(session, new AtomicLong(), new AtomicLong()));
    }

    void unsubscribe(Session session) {
        subscribers.remove(session);
    }

    /** Updates published so far. */
    public long published() {
        return published.get();
    }

    /** The current subscribers, in no particular order. */
    public List<SubscriberStats> stats() {
        return subscribers.values().stream()
                .map(s -> new SubscriberStats(s.session().id(), s.sent().get(), s.skipped().get(),
                        s.session().bufferedAmount()))
                .toList();
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            // An exception would silently cancel the periodic task: log it and keep ticking.
            LOG.log(System.Logger.Level.ERROR, "publishing failed", e);
        }
    }

    private void publish() {
        String update = json.writeValueAsString(new TickerUpdate(published.incrementAndGet(),
                System.currentTimeMillis(), nextQuotes()));
        for (Subscriber s : subscribers.values()) {
            if (s.session().bufferedAmount() > settings.maxBuffered()) {
                s.skipped().incrementAndGet(); // still behind: skip it, it gets a fresh one later
                continue;
            }
            s.session().sendText(update);
            s.sent().incrementAndGet();
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
