package dev.wsf.samples.guice;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/** Counts greetings across all sessions: one instance for the whole injector. */
@Singleton
public final class VisitorCounter {
    private final AtomicLong count = new AtomicLong();

    long next() {
        return count.incrementAndGet();
    }
}
