package dev.wsf.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that another thread will make true: the one way tests synchronise with
 * the server's threads when there is no event to wait for (a queue, a latch, a future). It polls
 * the condition, pausing 1 ms at first and doubling up to 50 ms, so a condition that holds soon
 * costs almost nothing and a slow one costs little CPU.
 *
 * <p>Not for deliberate pauses that are part of a scenario; those stay explicit sleeps with a
 * comment saying why.
 */
public final class Eventually {
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(50).toNanos();

    private Eventually() {
    }

    /**
     * Returns once {@code condition} is true; throws an {@link AssertionError} naming
     * {@code description} (evaluated only then, so it may show the state it found) if it is
     * still false after {@code timeout}. The condition is checked at least once, and once more
     * when the time is up.
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> description) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + Duration.ofNanos(System.nanoTime() - start).toMillis()
                        + " ms (timeout " + timeout.toMillis() + " ms) for: " + description.get());
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + description.get(), e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }
}
