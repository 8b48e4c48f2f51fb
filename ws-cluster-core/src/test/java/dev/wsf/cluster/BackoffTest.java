package dev.wsf.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waits between connection attempts: random under a ceiling that doubles up to the maximum. */
class BackoffTest {

    @Test
    void theCeilingDoublesWithEachFailureUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        for (int i = 0; i < 200; i++) {
            assertEquals(100, b.delayMillis(0), "the first retry waits the minimum");
            long second = b.delayMillis(1);
            assertTrue(second >= 100 && second <= 200, "after one failure: " + second);
            long late = b.delayMillis(40);
            assertTrue(late >= 100 && late <= 10_000, "never more than the maximum, nor an overflow: " + late);
        }
    }

    @Test
    void nonsenseRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
