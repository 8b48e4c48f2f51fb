package dev.wsf.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One endpoint's {@code websocket.handshakes} timers, one per status, indexed by the status so
 * that recording neither boxes nor looks anything up. A status outside 100..599 (none is sent)
 * would be tagged {@code other}.
 */
final class HandshakeTimers {
    private static final int FIRST = 100;
    private static final int OTHER = 500; // 600 - FIRST

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(OTHER + 1);

    HandshakeTimers(MeterRegistry registry, Tags common, String endpoint) {
        this.registry = registry;
        this.tags = common.and("endpoint", endpoint);
    }

    void record(int status, long durationNanos) {
        int at = status >= FIRST && status < FIRST + OTHER ? status - FIRST : OTHER;
        Timer t = byStatus.get(at);
        if (t == null) {
            t = Timer.builder("websocket.handshakes")
                    .description("Handshakes, from the accept to the 101 or the refusal")
                    .tags(tags).tag("status", at == OTHER ? "other" : Integer.toString(status))
                    .register(registry);
            byStatus.set(at, t); // a racing thread gets the same meter back from the registry
        }
        t.record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
