package dev.wsf.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time between the
 * minimum and {@code min(max, min * 2^n)}, so that nodes that lost the broker together do not
 * come back in lockstep.
 */
public record Backoff(Duration min, Duration max) {
    public Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, not " + min + " and " + max);
        }
    }

    /** The wait before attempt {@code failures + 1}, in milliseconds. */
    public long delayMillis(int failures) {
        long lo = min.toMillis();
        long hi = lo << Math.min(failures, 30);
        if (hi <= 0 || hi > max.toMillis()) {
            hi = max.toMillis();
        }
        return hi <= lo ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    }
}
