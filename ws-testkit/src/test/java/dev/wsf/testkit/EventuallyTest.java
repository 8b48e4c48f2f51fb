package dev.wsf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

    @Test
    void returnsAtOnceWhenTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        Eventually.until(Duration.ofSeconds(10), () -> checks.incrementAndGet() > 0, () -> "true");
        assertEquals(1, checks.get());
    }

    @Test
    void pollsUntilTheConditionBecomesTrue() {
        AtomicInteger checks = new AtomicInteger();
        Eventually.until(Duration.ofSeconds(10), () -> checks.incrementAndGet() >= 5, () -> "five checks");
        assertEquals(5, checks.get());
    }

    @Test
    void failsNamingWhatItWaitedForAndHowLong() {
        AtomicInteger checks = new AtomicInteger();
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class, () -> Eventually.until(Duration.ofMillis(100),
                () -> checks.incrementAndGet() < 0, () -> "the impossible, checked " + checks.get() + " times"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("100 ms"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the impossible, checked " + checks.get() + " times"), e.getMessage());
        assertTrue(waitedMillis >= 100, "waited the whole timeout: " + waitedMillis + " ms");
        assertTrue(checks.get() >= 2, "checked at once and when the time was up: " + checks.get());
        assertTrue(checks.get() < 100, "polls, does not spin: " + checks.get());
    }
}
