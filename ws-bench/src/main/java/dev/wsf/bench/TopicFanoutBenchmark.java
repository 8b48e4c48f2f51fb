package dev.wsf.bench;

import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.session.WebSocketSession;
import dev.wsf.runtime.topic.TopicRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's cost of one topic publish to many subscribers, without sockets: {@code subscribers}
 * server sessions, each over a {@link DiscardingTransport}, subscribed to one topic; one publish
 * hands the shared frame to each of them (slow-consumer check, queueing, counting, flush). The
 * transports run their tasks at once, so the benchmark thread plays the one I/O thread they all
 * share and the whole fan-out runs inside {@code publish}. The score is per publish; divide by
 * {@code subscribers} for the cost of one delivery.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicFanoutBenchmark {
    private static final String TOPIC = "bench";

    @Param({"1000"})
    int subscribers;

    private final TopicRegistry topics = new TopicRegistry();
    private final List<DiscardingTransport> transports = new ArrayList<>();
    private final List<WebSocketSession> sessions = new ArrayList<>();

    @Setup
    public void setUp() {
        SessionSettings settings = new SessionSettings(Role.SERVER, Dispatch.IO_THREAD, Delivery.WHOLE, Delivery.WHOLE,
                1 << 20, 1 << 20, 1 << 20, 1 << 24, 0, 0, 0, 0, Runnable::run, new SessionCounters(),
                topics, WebSocketMetrics.NONE, "/fanout");
        EndpointHandler handler = new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.subscribe(TOPIC);
            }
        };
        for (int i = 0; i < subscribers; i++) {
            DiscardingTransport transport = new DiscardingTransport();
            WebSocketSession session = new WebSocketSession(i, new StubSession(), Optional.empty(),
                    NegotiatedExtensions.none(), settings, transport, request -> handler);
            session.start();
            transports.add(transport);
            sessions.add(session);
        }
        if (topics.subscriberCount(TOPIC) != subscribers) {
            throw new IllegalStateException("subscribed: " + topics.subscriberCount(TOPIC) + " of " + subscribers);
        }
    }

    @TearDown(Level.Trial)
    public void check() {
        long delivered = topics.stats(TOPIC).delivered();
        long published = topics.stats(TOPIC).published();
        if (delivered != published * subscribers) {
            throw new IllegalStateException("delivered " + delivered + ", expected " + published * subscribers);
        }
    }

    /** One 64-byte text message to every subscriber. */
    @Benchmark
    public int publishToEverySubscriber() {
        return topics.publish(TOPIC, "0123456789012345678901234567890123456789012345678901234567890123");
    }
}
