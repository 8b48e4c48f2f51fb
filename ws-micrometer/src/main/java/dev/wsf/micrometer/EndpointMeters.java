package dev.wsf.micrometer;

import dev.wsf.api.metrics.WebSocketMetrics.Closer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one endpoint's sessions, tagged with its path template. The per-message meters
 * are registered up front; a close counter when its (code bucket, closer) first occurs.
 */
final class EndpointMeters {
    private static final Closer[] CLOSERS = Closer.values();

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicLong active = new AtomicLong();
    private final Timer duration;
    private final Counter textIn;
    private final Counter binaryIn;
    private final Counter textOut;
    private final Counter binaryOut;
    private final DistributionSummary sizeIn;
    private final DistributionSummary sizeOut;
    private final Counter original;
    private final Counter compressed;
    private final Counter slowConsumers;
    private final Counter heartbeatTimeouts;
    /** websocket.sessions.closed, at {@code bucket * CLOSERS.length + closer}. */
    private final AtomicReferenceArray<Counter> closes =
            new AtomicReferenceArray<>(CloseCodes.BUCKETS * CLOSERS.length);

    EndpointMeters(MeterRegistry registry, Tags common, String endpoint) {
        this.registry = registry;
        this.tags = common.and("endpoint", endpoint);
        Gauge.builder("websocket.sessions.active", active, AtomicLong::get)
                .description("WebSocket sessions open now").tags(tags).register(registry);
        duration = Timer.builder("websocket.session.duration")
                .description("How long sessions lasted, from the upgrade to the end").tags(tags).register(registry);
        textIn = messages("websocket.messages.received", "text", "Messages delivered to the application");
        binaryIn = messages("websocket.messages.received", "binary", "Messages delivered to the application");
        textOut = messages("websocket.messages.sent", "text", "Messages (or parts of one) queued by the application");
        binaryOut = messages("websocket.messages.sent", "binary", "Messages (or parts of one) queued by the application");
        sizeIn = size("received");
        sizeOut = size("sent");
        original = Counter.builder("websocket.compression.original").baseUnit(BaseUnits.BYTES)
                .description("Bytes of the messages permessage-deflate compressed, before").tags(tags).register(registry);
        compressed = Counter.builder("websocket.compression.compressed").baseUnit(BaseUnits.BYTES)
                .description("Bytes of the messages permessage-deflate compressed, after").tags(tags).register(registry);
        slowConsumers = Counter.builder("websocket.slow.consumers")
                .description("Sessions closed for reading too slowly (1008) or to shed memory (1013)")
                .tags(tags).register(registry);
        heartbeatTimeouts = Counter.builder("websocket.heartbeat.timeouts")
                .description("Sessions dropped for not answering the heartbeat in time").tags(tags).register(registry);
    }

    private Counter messages(String name, String type, String description) {
        return Counter.builder(name).description(description).tags(tags).tag("type", type).register(registry);
    }

    private DistributionSummary size(String direction) {
        return DistributionSummary.builder("websocket.message.size").baseUnit(BaseUnits.BYTES)
                .description("Payload sizes of messages, as the application saw them")
                .tags(tags).tag("direction", direction).register(registry);
    }

    void opened() {
        active.incrementAndGet();
    }

    void closed(int code, Closer closer, long durationNanos) {
        active.decrementAndGet();
        duration.record(durationNanos, TimeUnit.NANOSECONDS);
        int bucket = CloseCodes.bucket(code);
        int at = bucket * CLOSERS.length + closer.ordinal();
        Counter c = closes.get(at);
        if (c == null) {
            c = Counter.builder("websocket.sessions.closed").description("Sessions ended, by close code and first closer")
                    .tags(tags).tag("close.code", CloseCodes.tag(bucket))
                    .tag("closer", closer.name().toLowerCase(Locale.ROOT)).register(registry);
            closes.set(at, c); // a racing thread gets the same meter back from the registry
        }
        c.increment();
    }

    void received(boolean binary, long bytes) {
        (binary ? binaryIn : textIn).increment();
        sizeIn.record(bytes);
    }

    void sent(boolean binary, long bytes) {
        (binary ? binaryOut : textOut).increment();
        sizeOut.record(bytes);
    }

    void compressed(long originalBytes, long compressedBytes) {
        original.increment(originalBytes);
        compressed.increment(compressedBytes);
    }

    void slowConsumer() {
        slowConsumers.increment();
    }

    void heartbeatTimeout() {
        heartbeatTimeouts.increment();
    }
}
