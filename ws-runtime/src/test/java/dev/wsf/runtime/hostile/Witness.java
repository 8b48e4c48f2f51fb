package dev.wsf.runtime.hostile;

import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A well-behaved client (the JDK's own) that asks the server for an echo every 20 ms for as long
 * as an attack goes on, and times each one. An echo that does not come back within
 * {@link #ECHO_TIMEOUT}, or comes back wrong, is a failure; the witness stops at the first.
 */
final class Witness implements AutoCloseable {
    static final Duration ECHO_TIMEOUT = Duration.ofSeconds(5);

    /** What the witness saw: latencies in nanoseconds, in order, and what went wrong, if anything. */
    record Report(List<Long> latencies, List<String> failures) {
        long percentile(double p) {
            if (latencies.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
        }

        String summary() {
            return latencies.size() + " echoes, p50 " + millis(percentile(50)) + ", p99 " + millis(percentile(99))
                    + ", max " + millis(percentile(100)) + (failures.isEmpty() ? "" : ", FAILED: " + failures);
        }

        private static String millis(long nanos) {
            return String.format("%.1f ms", nanos / 1e6);
        }
    }

    private final JdkClient client;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostile-witness");
        t.setDaemon(true);
        return t;
    });
    private final ReentrantLock echoLock = new ReentrantLock();
    private int sequence;

    private Witness(JdkClient client) {
        this.client = client;
    }

    /** Connects to an echo endpoint; echoes start with {@link #start()}. */
    static Witness connect(int port, String path) {
        return new Witness(JdkClient.connect(URI.create("ws://127.0.0.1:" + port + path)));
    }

    void start() {
        pacer.scheduleWithFixedDelay(this::echoOnce, 0, 20, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code measurement} between two echoes: a full GC stops every thread, and would
     * otherwise show up as the server's latency.
     */
    void between(Runnable measurement) {
        echoLock.lock();
        try {
            measurement.run();
        } finally {
            echoLock.unlock();
        }
    }

    private void echoOnce() {
        echoLock.lock();
        try {
            echoTimed();
        } finally {
            echoLock.unlock();
        }
    }

    private void echoTimed() {
        if (!failures.isEmpty()) {
            return;
        }
        String message = "witness " + sequence++;
        long start = System.nanoTime();
        try {
            client.socket.sendText(message, true).get(ECHO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Object reply = client.events.poll(ECHO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!message.equals(reply)) {
                failures.add("sent '" + message + "', got " + (reply == null ? "nothing within " + ECHO_TIMEOUT : reply));
                return;
            }
            latencies.add(System.nanoTime() - start);
        } catch (Exception e) {
            failures.add("sending '" + message + "' failed: " + e);
        }
    }

    /** What went wrong so far; empty while all is well. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Echoes received so far. */
    int echoes() {
        return latencies.size();
    }

    /** Stops asking for echoes, after the one in flight, and says what was seen. */
    Report stop() throws InterruptedException {
        pacer.shutdown();
        if (!pacer.awaitTermination(ECHO_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
            failures.add("the last echo never ended");
        }
        return new Report(List.copyOf(latencies), List.copyOf(failures));
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        client.close();
    }
}
