package dev.wsf.bench;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.micrometer.MicrometerMetrics;
import dev.wsf.runtime.observe.Observers;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a metrics listener costs the echo path ({@link SessionBenchmark}'s: 16 pipelined text
 * messages per read, each echoed), with the listener handed over as the runtime does it:
 * {@code Observers.of(listener)}, JFR's listener alone for {@code NONE}, both in turn otherwise.
 * Each message calls {@code messageReceived} and {@code messageSent} once; the socket byte
 * counts ({@code bytesRead}, {@code bytesWritten}) are not on this path (no socket), and a real
 * server calls them once per read and per write, not per message.
 *
 * <ul>
 *   <li>{@code bare}: {@link WebSocketMetrics#NONE} itself, without JFR's listener. Not what the
 *       runtime does; the floor, to see what JFR's listener costs.
 *   <li>{@code none}: a server without a listener.
 *   <li>{@code noop}: a listener of its own class that does nothing.
 *   <li>{@code counting}: a listener adding messages and bytes to {@link LongAdder}s.
 *   <li>{@code micrometer}: {@link MicrometerMetrics} over a {@link SimpleMeterRegistry}.
 *   <li>{@code lean}: the same, with {@code websocket.message.size} denied by a {@link MeterFilter}
 *       (a denied meter is a no-op): the counters without the size summary.
 *   <li>{@code prometheus}: {@link MicrometerMetrics} over a {@link PrometheusMeterRegistry}.
 * </ul>
 * Run with {@code -prof gc} to see the allocation per message ({@code gc.alloc.rate.norm}).
 * {@code listenerCallsPerMessage} makes the same two calls per message without the echo around
 * them, to tell the listener's cost from the noise of the whole path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {
    private static final int PIPELINED = 16;

    @Param({"32", "1024"})
    int size;

    @Param({"bare", "none", "noop", "counting", "micrometer", "lean", "prometheus"})
    String listener;

    private EchoFixture echo;
    private WebSocketMetrics metrics;

    @Setup
    public void setUp() {
        metrics = switch (listener) {
            case "bare" -> WebSocketMetrics.NONE;
            case "none" -> Observers.of(WebSocketMetrics.NONE);
            case "noop" -> Observers.of(new Noop());
            case "counting" -> Observers.of(new Counting());
            case "micrometer" -> Observers.of(new MicrometerMetrics(new SimpleMeterRegistry()));
            case "lean" -> {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("websocket.message.size")));
                yield Observers.of(new MicrometerMetrics(registry));
            }
            case "prometheus" -> Observers.of(new MicrometerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
            default -> throw new IllegalArgumentException("no listener " + listener);
        };
        echo = new EchoFixture(size, PIPELINED, metrics);
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public long echoPipelinedTextMessages() {
        return echo.echo();
    }

    /** The listener's calls for one echoed message, alone: what the echo path pays for it. */
    @Benchmark
    public void listenerCallsPerMessage() {
        metrics.messageReceived("/echo", false, size);
        metrics.messageSent("/echo", false, size);
    }

    /** Does nothing, but is not {@link WebSocketMetrics#NONE}: the runtime calls it. */
    static final class Noop implements WebSocketMetrics {
    }

    /** Messages and bytes each way, in {@link LongAdder}s as a listener shared by I/O threads would. */
    static final class Counting implements WebSocketMetrics {
        final LongAdder messagesIn = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder messagesOut = new LongAdder();
        final LongAdder bytesOut = new LongAdder();

        @Override
        public void messageReceived(String endpoint, boolean binary, long bytes) {
            messagesIn.increment();
            bytesIn.add(bytes);
        }

        @Override
        public void messageSent(String endpoint, boolean binary, long bytes) {
            messagesOut.increment();
            bytesOut.add(bytes);
        }
    }
}
