package dev.wsf.samples.guice;

import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalTime;

/** Greets by the time of day on the injected clock (so a test can fix the time). */
public final class TimeOfDayGreeter implements Greeter {
    private final Clock clock;

    @Inject
    public TimeOfDayGreeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String greet(String name) {
        int hour = LocalTime.now(clock).getHour();
        String part = hour < 12 ? "morning" : hour < 18 ? "afternoon" : "evening";
        return "Good " + part + ", " + name + "!";
    }
}
