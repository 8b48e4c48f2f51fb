package dev.wsf.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time between the
 * minimum and {@code min(max, min * 2^n)}, so that nodes that lost the broker together do not
 * come back in lockstep.
 *
 * @param min the shortest wait, and the first attempt's upper bound; positive
 * @param max the longest wait, at least {@code min}
 */
public record Backoff(Duration min, Duration max) {
    /**
     * Checks the range.
     *
     * @param min the shortest wait; positive
     * @param max the longest wait; at least {@code min}
     * @throws IllegalArgumentException if {@code min} is zero or negative, or {@code max} is below it
     * @throws NullPointerException if either is null
     */
    public Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, not " + min + " and " + max);
        }
    }

    /**
     * The wait before attempt {@code failures + 1}, in milliseconds.
     *
     * @param failures how many attempts in a row have failed; 0 or more (the upper bound stops
     *                 doubling at {@code max})
     * @return a random wait, at least {@code min} and at most {@code min(max, min * 2^failures)},
     *         in milliseconds
     */
    public long delayMillis(int failures) {
        long lo = min.toMillis();
        long hi = lo << Math.min(failures, 30);
        if (hi <= 0 || hi > max.toMillis()) {
            hi = max.toMillis();
        }
        return hi <= lo ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    }
}
