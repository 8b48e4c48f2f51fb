package dev.wsf.bench.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The fan-out memory test: N subscribers that never read, and the server's memory for one more
 * message queued to all of them. The caller ({@code bench/fanout.sh}) measures the server between
 * the two steps this run stops at:
 *
 * <ol>
 *   <li>open N subscribers with a small receive buffer ({@code --receive-buffer}) and stop
 *       reading them; publish bursts of messages until the server reports bytes queued for every
 *       subscriber (their sockets are full, so the next message stays in the server), wait until
 *       the queues stop moving, print {@code FILLED}, and wait for a line on stdin;</li>
 *   <li>publish one message, wait until the server holds it for every subscriber (its queued
 *       bytes grew by at least N times the message), print {@code PUBLISHED}, and wait for a line
 *       on stdin; then close everything.</li>
 * </ol>
 */
final class FanoutStallRun {

    private static final int FILL_BURST = 8;
    private static final int MAX_FILL_BURSTS = 256;

    private final FanoutOptions options;
    private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    FanoutStallRun(FanoutOptions options) {
        this.options = options;
    }

    void run() throws IOException {
        int size = options.sizes().get(0);
        int n = options.subscribers();
        try (FanoutClient c = new FanoutClient(options)) {
            c.reading(false);
            double openSeconds = c.open();
            c.awaitSubscribed();
            int fill = 0;
            long[] stats = stats(c);
            while (stats[1] < n) {
                if (fill >= MAX_FILL_BURSTS * FILL_BURST) {
                    throw new IOException("after " + fill + " messages only " + stats[1] + " of " + n
                            + " subscribers have bytes queued in the server");
                }
                publish(c, FILL_BURST, size);
                fill += FILL_BURST;
                stats = settle(c);
            }
            System.out.printf(Locale.ROOT, "FILLED subscribers=%d backlogged=%d backlog_bytes=%d fill_messages=%d"
                    + " open_seconds=%.2f%n", n, stats[1], stats[2], fill, openSeconds);
            String before = memory(c, "filled");
            System.out.flush();
            waitForLine();

            publish(c, 1, size);
            long target = stats[2] + (long) n * size;
            long deadline = System.nanoTime() + 60_000_000_000L;
            long[] after = stats(c);
            while (after[2] < target) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the server holds " + (after[2] - stats[2]) + " more bytes, not the "
                            + (long) n * size + " of one message to every subscriber");
                }
                c.pump(100);
                after = stats(c);
            }
            System.out.printf(Locale.ROOT, "PUBLISHED backlog_bytes=%d%n", after[2]);
            String afterMemory = memory(c, "published");
            System.out.flush();
            waitForLine();
            System.out.printf(Locale.ROOT, "RESULT mode=fanout-stall label=%s subscribers=%d size=%d fill_messages=%d"
                            + " backlog_before=%d backlog_after=%d open_seconds=%.2f%s%s%n", options.label(), n, size, fill,
                    stats[2], after[2], openSeconds, before.isEmpty() ? "" : " before_" + before.replace(" ", " before_"),
                    afterMemory.isEmpty() ? "" : " after_" + afterMemory.replace(" ", " after_"));
        }
    }

    /** Publishes {@code k} messages and waits for the server to say it did. */
    private void publish(FanoutClient c, int k, int size) throws IOException {
        String[] f = FanoutClient.expect(c.request("burst " + k + " " + size), "published", 4);
        if (Integer.parseInt(f[3]) != options.subscribers()) {
            throw new IOException("server handed the message to " + f[3] + " subscribers, not " + options.subscribers());
        }
    }

    /** {subscribers, subscribers with bytes queued, bytes queued} as the server counts them. */
    private static long[] stats(FanoutClient c) throws IOException {
        String[] f = FanoutClient.expect(c.request("stats"), "stats", 4);
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    /** Asks for the stats every 200 ms until two answers in a row agree (at most 10 s). */
    private static long[] settle(FanoutClient c) throws IOException {
        long[] last = stats(c);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until) {
                c.pump(50);
            }
            long[] now = stats(c);
            if (java.util.Arrays.equals(now, last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /**
     * With {@code --server-gc}: the server's own account after a GC of its own, printed as a
     * {@code MEM phase=PHASE heap_used=.. external=.. array_buffers=.. rss=..} line and returned
     * without the phase; else "".
     */
    private String memory(FanoutClient c, String phase) throws IOException {
        if (!options.serverGc()) {
            return "";
        }
        String[] f = FanoutClient.expect(c.request("mem"), "mem", 5);
        String m = "heap_used=" + f[1] + " external=" + f[2] + " array_buffers=" + f[3] + " rss=" + f[4];
        System.out.println("MEM phase=" + phase + " " + m);
        return m;
    }

    private void waitForLine() throws IOException {
        stdin.readLine(); // a line or end of file
    }
}
