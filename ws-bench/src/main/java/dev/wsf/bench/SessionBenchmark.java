package dev.wsf.bench;

import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.observe.Observers;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.topic.TopicRegistry;
import dev.wsf.runtime.session.WebSocketSession;
import java.nio.ByteBuffer;
import java.util.Optional;
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
 * the masked input each time costs a small copy, included.
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

    private byte[] pristine;
    private ByteBuffer input;
    private WebSocketSession session;
    private final DiscardingTransport transport = new DiscardingTransport();

    @Setup
    public void setUp() {
        byte[] frame = Payloads.maskedFrame(Opcode.TEXT, Payloads.ascii(size));
        pristine = new byte[frame.length * PIPELINED];
        for (int i = 0; i < PIPELINED; i++) {
            System.arraycopy(frame, 0, pristine, i * frame.length, frame.length);
        }
        input = ByteBuffer.allocate(pristine.length);
        SessionSettings settings = new SessionSettings(Role.SERVER, Dispatch.IO_THREAD, Delivery.WHOLE, Delivery.WHOLE,
                1 << 20, 1 << 20, 1 << 20, 1 << 24, 0, 0, 0, 0, Runnable::run, new SessionCounters(),
                new TopicRegistry(), Observers.of(WebSocketMetrics.NONE), "/echo"); // as a server without a listener
        EndpointHandler echo = new EndpointHandler() {
            @Override
            public void onText(Session s, String message) {
                s.sendText(message);
            }
        };
        session = new WebSocketSession("bench", new StubSession(), Optional.empty(), NegotiatedExtensions.none(), settings,
                transport, request -> echo);
        session.start();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public long echoPipelinedTextMessages() {
        input.clear();
        input.put(pristine).flip();
        session.onRead(input);
        transport.flush();
        return transport.bytesWritten;
    }
}
