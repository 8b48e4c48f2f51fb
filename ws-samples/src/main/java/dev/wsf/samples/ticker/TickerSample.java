package dev.wsf.samples.ticker;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.TopicStats;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.ClasspathPages;
import dev.wsf.samples.support.SampleRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A live dashboard: the {@link Ticker} publishes prices to one topic that every session of
 * {@code /ticker} subscribes to, and a page served from the same port shows them. Run with {@code -Dstalled=N} to add N clients that
 * stop reading, and watch the status lines: their updates are skipped, everyone else's are not.
 * {@code -Dsymbols=N} and {@code -Dperiod=MS} make the updates bigger and more frequent, so that
 * happens in seconds rather than minutes: the operating system buffers a few megabytes for a
 * peer that doesn't read before the server's own queue grows.
 */
public final class TickerSample implements AutoCloseable {
    private final WebSocketServer server;
    private final Ticker ticker;

    private TickerSample(WebSocketServer server, Ticker ticker) {
        this.server = server;
        this.ticker = ticker;
    }

    public static TickerSample start(ServerConfig config, TickerSettings settings) {
        WebSocketServer server = WebSocketServer.builder()
                .config(config)
                .endpoints(AnnotatedEndpoints.define(TickerEndpoint.class))
                .httpHandler(ClasspathPages.load(TickerSample.class, "index.html", "ticker.js"))
                .build()
                .start();
        // The server's topics, publishing records as JSON.
        Ticker ticker = new Ticker(settings, AnnotatedEndpoints.topics(server.topics()));
        return new TickerSample(server, ticker.start());
    }

    public WebSocketServer server() {
        return server;
    }

    public Ticker ticker() {
        return ticker;
    }

    /** Stops the server, then the ticker. */
    @Override
    public void close() {
        server.stop();
        ticker.close();
    }

    public static void main(String[] args) throws IOException {
        TickerSettings defaults = TickerSettings.defaults();
        TickerSettings settings = new TickerSettings(
                Duration.ofMillis(Long.getLong("period", defaults.period().toMillis())),
                Integer.getInteger("symbols", defaults.symbols()), defaults.maxBuffered());
        SampleRunner.Listening listening = SampleRunner.listen(ServerConfig.builder());
        TickerSample sample = start(listening.config(), settings);
        List<StalledReader> stalled = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("stalled", 0); i++) {
            stalled.add(listening.tls().isPresent()
                    ? StalledReader.connect(sample.server.localAddress(), "/ticker", listening.tls().get().clientContext())
                    : StalledReader.connect(sample.server.localAddress(), "/ticker"));
        }
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ticker-report");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleAtFixedRate(sample::report, 5, 5, TimeUnit.SECONDS);
        SampleRunner.serveUntilStopped(sample.server, listening, at -> List.of(
                "Ticker: open " + at.http("/") + " to watch " + settings.symbols() + " prices pushed over "
                        + at.ws("/ticker") + " every " + settings.period().toMillis() + " ms.",
                "Every 5 s a status line shows, per subscriber, the updates sent and the ones skipped because"
                        + " it was more than " + TickerSettings.defaults().maxBuffered() / 1024 + " KiB behind.",
                stalled.isEmpty() ? "Add -Dstalled=1 -Dsymbols=2000 -Dperiod=20 to watch a client that stops reading"
                        + " get skipped while the others keep every update."
                        : stalled.size() + " stalled client(s) connected: they never read. The kernel takes the first"
                        + " few MB for them, then the ticker skips them."));
    }

    /** A status line from the topic's counters and each subscription's. */
    private void report() {
        TopicStats topic = ticker.stats();
        String subscribers = ticker.subscribers().stream()
                .map(s -> String.format("%s sent %d, skipped %d, %d KiB queued", s.sessionId(), s.sent(), s.skipped(),
                        s.bufferedBytes() / 1024))
                .collect(Collectors.joining("; "));
        System.out.printf("ticker: update #%d, %d subscriber(s), %d delivered, %d skipped | %s%n", topic.published(),
                topic.subscribers(), topic.delivered(), topic.skipped(), subscribers.isEmpty() ? "-" : subscribers);
    }
}
