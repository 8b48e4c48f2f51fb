package dev.wsf.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it, the one way tests wait for something another thread or
 * process brings about: a sleep of a guessed length is either too short on a busy machine or
 * wastes time on an idle one.
 */
public final class Eventually {
    /** Short enough not to add latency to a test, long enough not to compete with the code under test. */
    private static final long POLL_MILLIS = 10;

    private Eventually() {
    }

    /**
     * Returns once {@code condition} holds; fails the test if it does not within {@code timeout}.
     *
     * @param describe what was awaited and what was seen instead, evaluated only on failure
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + describe.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + describe.get(), e);
            }
        }
    }
}
