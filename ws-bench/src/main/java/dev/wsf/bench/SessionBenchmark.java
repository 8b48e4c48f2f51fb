package dev.wsf.bench;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.observe.Observers;
import dev.wsf.runtime.session.WebSocketSession;
import java.util.concurrent.TimeUnit;
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
 * The engine's cost per echoed message, without sockets: a read carrying 16 pipelined masked
 * text frames goes into a {@link WebSocketSession} whose handler sends each message back; the
 * replies are framed, queued and flushed into a transport that drops them. Covers parsing,
 * unmasking, UTF-8 validation, decoding, the callback, encoding, framing and queueing. Restoring
 * the masked input each time costs a small copy, included. The session reports to what a server
 * without a metrics listener reports to (JFR's listener); {@link MetricsBenchmark} varies that.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionBenchmark {
    private static final int PIPELINED = 16;

    @Param({"32", "1024"})
    int size;

    private EchoFixture echo;

    @Setup
    public void setUp() {
        echo = new EchoFixture(size, PIPELINED, Observers.of(WebSocketMetrics.NONE));
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public long echoPipelinedTextMessages() {
        return echo.echo();
    }
}
