package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Round-trip latency over one connection with one message in flight. No selector: with a single
 * outstanding message it would only add a wakeup to every sample.
 *
 * <p>By default the client busy-polls its non-blocking socket ({@code --spin true}), so its own
 * core never sleeps. Waking a sleeping core costs tens of microseconds on a virtual machine, and
 * that cost belongs to the client, not to the server under test; the server still pays its own
 * wakeup, as it would in production. The client core then shows 100% busy, by design.
 * {@code --spin false} blocks in {@code read} instead.
 *
 * <p>Samples go into a preallocated array and are sorted once at the end.
 */
final class LatencyRun {

    private final Options options;
    private final CpuMeter cpu;

    LatencyRun(Options options) {
        this.options = options;
        this.cpu = new CpuMeter(options.serverPid());
    }

    String run() throws IOException {
        byte[] payload = Frames.payload(options.opcode(), options.size());
        ByteBuffer frame = Frames.direct(Frames.message(options, payload));
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        Echoes reader = Echoes.forOptions(options, Frames.direct(payload));
        long[] samples = new long[options.count()];

        Link ch;
        try (Connector connector = new Connector(options, 1)) {
            ch = connector.open();
        }
        try {
            ch.channel().configureBlocking(!options.spin());
            for (int i = 0; i < options.warmupCount(); i++) {
                roundTrip(ch, frame, in, reader);
            }
            CpuMeter.Sample from = cpu.sample();
            for (int i = 0; i < samples.length; i++) {
                samples[i] = roundTrip(ch, frame, in, reader);
            }
            CpuMeter.Sample to = cpu.sample();
            Arrays.sort(samples);
            return String.format(Locale.ROOT,
                    "mode=latency protocol=%s tls=%s spin=%b size=%d samples=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f"
                            + " max_us=%.1f mean_us=%.1f %s",
                    options.raw() ? "raw" : "websocket", Tls.describe(ch), options.spin(), options.size(), samples.length, micros(percentile(samples, 0.50)),
                    micros(percentile(samples, 0.99)), micros(percentile(samples, 0.999)),
                    micros(samples[samples.length - 1]), micros(mean(samples)), cpu.between(from, to));
        } finally {
            Connector.abort(ch.channel());
        }
    }

    /** Sends one frame and waits until its echo has been fully checked; returns nanoseconds. */
    private static long roundTrip(Link ch, ByteBuffer frame, ByteBuffer in, Echoes reader)
            throws IOException {
        long start = System.nanoTime();
        frame.clear();
        while (frame.hasRemaining() || !ch.flush()) {
            ch.write(frame);
        }
        int echoed = 0;
        while (echoed == 0) {
            in.clear();
            if (ch.read(in) < 0) {
                throw new IOException("server closed the connection");
            }
            in.flip();
            echoed = reader.consume(in);
        }
        if (echoed != 1) {
            throw new IOException("got " + echoed + " echoes for one message");
        }
        return System.nanoTime() - start;
    }

    /** Nearest-rank percentile of sorted samples. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double mean(long[] samples) {
        double sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }

    private static double micros(double nanos) {
        return nanos / 1_000.0;
    }
}
