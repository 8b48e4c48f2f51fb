package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fan-out measurement: N subscribers on one server, one publisher (the control connection
 * asking the server to publish), every message checked at every subscriber. For each round and
 * each message size it runs two tests and prints a {@code RESULT} line for each:
 *
 * <ul>
 *   <li><b>throughput</b>: the client asks for bursts of K messages ({@code burst K SIZE}); the
 *       server publishes them back to back, and the client asks for the next burst as soon as
 *       every subscriber has received the oldest one, keeping W bursts in flight, so the server
 *       never waits for the client. {@code deliveries_per_s} counts messages received and checked
 *       at any subscriber during the measured window, after a warmup; the window lasts
 *       {@code --duration}, longer when it has not yet seen one burst's worth of deliveries.
 *       {@code loaded_p50_us} and {@code loaded_p99_us} are publish-to-last-delivery times under
 *       that load: mostly the time a message queues behind the bursts ahead of it;</li>
 *   <li><b>latency</b>: one message at a time, the next asked for when every subscriber has the
 *       previous one: publish-to-last-delivery time of a single fan-out to N, {@code p50_us},
 *       {@code p99_us}.</li>
 * </ul>
 */
final class FanoutRun implements FanoutLedger.Listener {

    private static final long STALL_NANOS = 30_000_000_000L;

    private final FanoutOptions options;
    private final CpuMeter cpu;
    private final Map<Integer, FanoutPayload> payloads = new HashMap<>();
    private FanoutClient client;
    private FanoutLedger ledger;
    /** Bursts not yet received by every subscriber: the sequence number just past each one's last message. */
    private final Deque<Long> bursts = new ArrayDeque<>();
    /** Bursts the server has not yet confirmed: {first sequence number, messages}. */
    private final Deque<long[]> unconfirmed = new ArrayDeque<>();
    private boolean recording;
    private long[] latencies = new long[1024];
    private int latencyCount;
    private String deflate;

    FanoutRun(FanoutOptions options) {
        this.options = options;
        this.cpu = new CpuMeter(options.serverPid());
        for (int size : options.sizes()) {
            payloads.put(size, new FanoutPayload(size));
        }
    }

    void run() throws IOException {
        try (FanoutClient c = new FanoutClient(options)) {
            client = c;
            double openSeconds = c.open();
            FanoutClient.ServerState state = c.awaitSubscribed();
            deflate = deflateMode();
            int maxBurst = options.burstFor(options.subscribers());
            ledger = new FanoutLedger(options.subscribers(), options.burstsInFlight() * maxBurst + 16, state.nextSeq(), this);
            c.ledger(ledger);
            for (FanoutSubscriber s : c.subscribers()) {
                s.expectFrom(state.nextSeq());
            }
            System.out.printf(Locale.ROOT, "INFO label=%s subscribers=%d open_seconds=%.2f deflate=%s extensions=\"%s\"%n",
                    options.label(), options.subscribers(), openSeconds, deflate, c.subscribers().get(0).negotiated());
            System.out.flush();
            for (int round = 1; round <= options.rounds(); round++) {
                for (int size : options.sizes()) {
                    ledger.payload(payloads.get(size));
                    print(throughput(round, size));
                    print(latency(round, size));
                }
            }
        }
    }

    /** off, shared (one compressed frame for all) or per-connection; the same for every subscriber. */
    private String deflateMode() throws IOException {
        FanoutSubscriber.Deflate first = client.subscribers().get(0).deflate();
        for (FanoutSubscriber s : client.subscribers()) {
            if (s.deflate() != first) {
                throw new IOException("subscribers negotiated different compression: " + first.label + " and "
                        + s.deflate().label);
            }
        }
        return first.label;
    }

    private String throughput(int round, int size) throws IOException {
        int k = options.burstFor(options.subscribers());
        quiet();
        long start = System.nanoTime();
        long warmupEnd = start + (long) (options.warmupSeconds() * 1e9);
        long end = warmupEnd + (long) (options.durationSeconds() * 1e9);
        // A slow server may need longer than --duration for one burst: the window lasts until it
        // has seen a burst's worth of deliveries, at most max(10 s, 2 x --duration) longer.
        long latest = end + (long) (Math.max(10, 2 * options.durationSeconds()) * 1e9);
        long oneBurst = (long) k * options.subscribers();
        for (int i = 0; i < options.burstsInFlight(); i++) {
            burst(k, size);
        }
        CpuMeter.Sample from = null;
        long deliveredAtStart = 0;
        long lastDelivered = -1;
        long lastProgress = start;
        while (true) {
            client.pump(20);
            confirmBursts();
            long now = System.nanoTime();
            if (from == null && now >= warmupEnd) {
                from = cpu.sample();
                deliveredAtStart = ledger.delivered();
                latencyCount = 0;
                recording = true;
            }
            if (now >= end && (ledger.delivered() - deliveredAtStart >= oneBurst || now >= latest)) {
                break;
            }
            while (bursts.size() < options.burstsInFlight()) {
                burst(k, size);
            }
            lastProgress = watch(now, lastDelivered, lastProgress);
            lastDelivered = ledger.delivered();
        }
        CpuMeter.Sample to = cpu.sample();
        long delivered = ledger.delivered() - deliveredAtStart;
        recording = false;
        long[] loaded = sortedLatencies();
        drain();
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        return String.format(Locale.ROOT,
                "mode=fanout test=throughput label=%s round=%d subscribers=%d deflate=%s size=%d burst=%d"
                        + " bursts_in_flight=%d seconds=%.2f deliveries=%d deliveries_per_s=%.0f messages_per_s=%.1f"
                        + " loaded_p50_us=%.0f loaded_p99_us=%.0f %s server_rss_kb=%d",
                options.label(), round, options.subscribers(), deflate, size, k, options.burstsInFlight(), seconds,
                delivered, delivered / seconds, delivered / seconds / options.subscribers(),
                micros(percentile(loaded, 0.50)), micros(percentile(loaded, 0.99)), cpu.between(from, to),
                cpu.serverRssKb());
    }

    private String latency(int round, int size) throws IOException {
        quiet();
        int skip = 5; // the first fan-outs after the throughput test's drain are not measured
        long start = System.nanoTime();
        long minEnd = start + (long) (options.latencySeconds() * 1e9);
        long maxEnd = start + (long) (3 * options.latencySeconds() * 1e9);
        CpuMeter.Sample from = cpu.sample();
        latencyCount = 0;
        int asked = 0;
        while (true) {
            recording = asked >= skip;
            burst(1, size);
            asked++;
            drain();
            long now = System.nanoTime();
            if (now >= maxEnd || now >= minEnd && latencyCount >= options.latencyMinSamples()) {
                break;
            }
        }
        recording = false;
        CpuMeter.Sample to = cpu.sample();
        long[] samples = sortedLatencies();
        double mean = Arrays.stream(samples).average().orElse(0);
        return String.format(Locale.ROOT,
                "mode=fanout test=latency label=%s round=%d subscribers=%d deflate=%s size=%d samples=%d p50_us=%.0f"
                        + " p99_us=%.0f max_us=%.0f mean_us=%.0f %s server_rss_kb=%d",
                options.label(), round, options.subscribers(), deflate, size, samples.length,
                micros(percentile(samples, 0.50)), micros(percentile(samples, 0.99)),
                micros(samples.length == 0 ? 0 : samples[samples.length - 1]), micros(mean), cpu.between(from, to),
                cpu.serverRssKb());
    }

    /** Asks the server to publish {@code k} messages of {@code size} bytes. */
    private void burst(int k, int size) throws IOException {
        long first = ledger.expect(k);
        bursts.add(first + k);
        unconfirmed.add(new long[] {first, k});
        client.send("burst " + k + " " + size);
    }

    /** Checks the server's {@code published} replies against what was asked, in order. */
    private void confirmBursts() throws IOException {
        String reply;
        while ((reply = client.pollReply()) != null) {
            String[] f = FanoutClient.expect(reply, "published", 4);
            long[] asked = unconfirmed.poll();
            if (asked == null || Long.parseLong(f[1]) != asked[0] || Long.parseLong(f[2]) != asked[1]) {
                throw new IOException("server replied '" + reply + "', but was asked for "
                        + (asked == null ? "nothing" : asked[1] + " messages from " + asked[0]));
            }
            int handed = Integer.parseInt(f[3]);
            if (handed != options.subscribers()) {
                throw new IOException("server handed message " + asked[0] + " to " + handed + " subscribers, not "
                        + options.subscribers());
            }
        }
    }

    /** Serves the connections until every burst asked for is complete and confirmed. */
    private void drain() throws IOException {
        long lastDelivered = -1;
        long lastProgress = System.nanoTime();
        while (!bursts.isEmpty() || !unconfirmed.isEmpty()) {
            client.pump(20);
            confirmBursts();
            lastProgress = watch(System.nanoTime(), lastDelivered, lastProgress);
            lastDelivered = ledger.delivered();
        }
    }

    /** Fails when nothing arrived for 30 s; returns when something last did. */
    private long watch(long now, long lastDelivered, long lastProgress) throws IOException {
        if (ledger.delivered() != lastDelivered) {
            return now;
        }
        if (now - lastProgress > STALL_NANOS) {
            throw new IOException("no delivery for 30 s: " + ledger.missing());
        }
        return lastProgress;
    }

    @Override
    public void completed(long seq, long latencyNanos) {
        if (recording) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = latencyNanos;
        }
        Long oldest = bursts.peekFirst();
        if (oldest != null && seq + 1 == oldest) {
            bursts.pollFirst();
        }
    }

    /**
     * Waits, at most {@code --quiet-wait} seconds, until other processes and the hypervisor use
     * under 5% of a core, in one-second samples, so a test does not start inside another's burst.
     */
    private void quiet() throws IOException {
        long deadline = System.nanoTime() + (long) (options.quietWait() * 1e9);
        while (System.nanoTime() < deadline) {
            CpuMeter.Sample a = cpu.sample();
            long until = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < until) {
                client.pump(100);
            }
            if (cpu.othersAndSteal(a, cpu.sample()) < 0.05) {
                return;
            }
        }
    }

    private long[] sortedLatencies() {
        long[] s = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(s);
        return s;
    }

    private static void print(String result) {
        System.out.println("RESULT " + result);
        System.out.flush();
    }

    /** Nearest-rank percentile of sorted samples; 0 without samples. */
    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double micros(double nanos) {
        return nanos / 1_000.0;
    }
}
