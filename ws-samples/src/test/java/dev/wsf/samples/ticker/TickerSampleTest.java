package dev.wsf.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.TopicStats;
import dev.wsf.samples.support.SampleTls;
import dev.wsf.samples.testing.Trusting;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The ticker's broadcast, and what it does about a subscriber that stops reading. */
class TickerSampleTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /**
     * 50 updates a second of about 40 KB each. On loopback the kernel alone takes some 4 MB for a
     * peer that doesn't read; at this rate the ticker reaches its own threshold within seconds.
     * The threshold is the sample's own, 64 KiB: a loop that runs late delivers several updates in
     * one round, and the topic writes what is queued before it judges a subscriber slow, so a
     * reader whose socket has room is never skipped for that.
     */
    private static final TickerSettings FAST = new TickerSettings(Duration.ofMillis(20), 1000, 64 * 1024);

    private TickerSample sample;

    @BeforeEach
    void start() {
        sample = TickerSample.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), FAST);
    }

    @AfterEach
    void stop() {
        sample.close();
    }

    @Test
    void everySubscriberGetsTheSameUpdates() throws Exception {
        try (JdkClient ann = JdkClient.connect(url()); JdkClient bob = JdkClient.connect(url())) {
            Eventually.until(Duration.ofSeconds(30), () -> sample.ticker().subscribers().size() == 2,
                    () -> "two subscribers: " + sample.ticker().subscribers());
            TickerUpdate toBob = update(bob.nextText()); // bob subscribed second: ann has had this one too
            assertEquals(FAST.symbols(), toBob.quotes().size());
            TickerUpdate toAnn;
            do {
                toAnn = update(ann.nextText());
            } while (toAnn.seq() < toBob.seq());
            assertTrue(toAnn.equals(toBob), "update " + toBob.seq() + " differs between subscribers");
        }
    }

    @Test
    @SuppressWarnings("try") // the stalled reader does its part by being open and doing nothing
    void aStalledReaderIsSkippedWhileTheOthersGetEveryUpdate() throws Exception {
        try (StalledReader stalled = StalledReader.connect(sample.server().localAddress(), "/ticker");
             JdkClient reader = JdkClient.connect(url())) {
            Eventually.until(Duration.ofSeconds(30), () -> sample.ticker().subscribers().size() == 2,
                    () -> "two subscribers: " + sample.ticker().subscribers());
            Eventually.until(Duration.ofSeconds(30), () -> sample.ticker().subscribers().stream().anyMatch(s -> s.skipped() >= 25),
                    () -> "the stalled reader skipped 25: " + sample.ticker().subscribers());

            // The reader is current: it receives the update published now, and every one before.
            long now = sample.ticker().published();
            List<TickerUpdate> received = new ArrayList<>();
            int longest = 0;
            do {
                String text = reader.nextText();
                longest = Math.max(longest, text.length());
                received.add(update(text));
            } while (received.get(received.size() - 1).seq() < now);
            for (int i = 1; i < received.size(); i++) {
                assertEquals(received.get(i - 1).seq() + 1, received.get(i).seq(), "no update skipped for the reader");
            }

            List<Ticker.SubscriberStats> stats = sample.ticker().subscribers();
            Ticker.SubscriberStats slow = stats.stream().filter(s -> s.skipped() > 0).findFirst().orElseThrow();
            Ticker.SubscriberStats fast = stats.stream().filter(s -> s != slow).findFirst().orElseThrow();
            assertEquals(0, fast.skipped(), stats.toString());
            assertTrue(slow.sent() > 0, "it got updates until it fell behind: " + slow);
            // What the server holds for the stalled reader stays bounded: the threshold plus the
            // update that crossed it (and a frame header).
            assertTrue(slow.bufferedBytes() <= FAST.maxBuffered() + longest + 16, slow + ", updates of " + longest);
            // The topic counts what it skipped for the stalled reader, and nothing else.
            TopicStats topic = sample.ticker().stats();
            assertEquals(2, topic.subscribers());
            assertTrue(topic.skipped() >= slow.skipped() && topic.skipped() <= topic.published(), topic + " " + stats);
        }
    }

    /** The same over TLS: the stalled reader finishes its TLS handshake, then reads nothing more. */
    @Test
    @SuppressWarnings("try")
    void overTlsAStalledReaderIsSkippedToo() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        try (TickerSample secure = TickerSample.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .tls(tls.server()).build(), FAST);
             StalledReader stalled = StalledReader.connect(secure.server().localAddress(), "/ticker", tls.clientContext());
             JdkClient reader = JdkClient.connect(URI.create("wss://127.0.0.1:" + secure.server().port() + "/ticker"),
                     Trusting.httpClient(tls.trustFile()).newWebSocketBuilder())) {
            assertEquals(FAST.symbols(), update(reader.nextText()).quotes().size());
            Eventually.until(Duration.ofSeconds(30), () -> secure.ticker().stats().skipped() > 0,
                    () -> "the stalled reader skipped updates: " + secure.ticker().subscribers());
            assertEquals(2, secure.ticker().subscribers().size(), secure.ticker().subscribers().toString());
        }
    }

    private String url() {
        return "ws://127.0.0.1:" + sample.server().port() + "/ticker";
    }

    private static TickerUpdate update(String json) {
        return JSON.readValue(json, TickerUpdate.class);
    }
}
