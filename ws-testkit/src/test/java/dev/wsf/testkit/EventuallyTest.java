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
        AssertionError e = assertThrows(AssertionError.class, () -> Eventually.until(Duration.ofMillis(100),
                () -> checks.incrementAndGet() < 0, () -> "the impossible, checked " + checks.get() + " times"));
        assertTrue(e.getMessage().matches("waited \\d+ ms \\(timeout 100 ms\\) for: the impossible, checked \\d+ times"),
                e.getMessage());
        int waited = Integer.parseInt(e.getMessage().split(" ")[1]);
        assertTrue(waited >= 100, e.getMessage());
        assertTrue(checks.get() >= 2, "checked at once and when the time was up: " + checks.get());
        assertTrue(checks.get() < 100, "a short backoff, not a busy loop: " + checks.get());
    }
}
