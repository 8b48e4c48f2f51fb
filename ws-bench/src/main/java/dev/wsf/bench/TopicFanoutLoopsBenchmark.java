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
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TopicFanoutBenchmark} with two I/O loops, as on a server: each benchmark thread plays one
 * loop, owns half of the 1,000 subscribers of one shared topic, publishes a message and then runs
 * what its loop was handed (its part of its own publishes and of the other loop's). So the
 * topic's counters are updated from two threads at once, as they are in a server's fan-out. A loop
 * far behind the other (its thread descheduled) briefly holds the other's publishes back, so that
 * the backlog stays bounded. The score is per publish of one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class TopicFanoutLoopsBenchmark {
    private static final String TOPIC = "bench";
    private static final int SUBSCRIBERS = 1000;
    private static final int LOOPS = 2;
    /** Fan-outs a loop may have waiting before the other one holds back its next publish. */
    private static final int MAX_BACKLOG = 64;
    private static final long MAX_WAIT_NANOS = 10_000_000;

    /** The topic the loops share. */
    @State(Scope.Benchmark)
    public static class Shared {
        final TopicRegistry topics = new TopicRegistry();
        final List<Loop> loops = new CopyOnWriteArrayList<>();
        final SessionSettings settings = new SessionSettings(Role.SERVER, Dispatch.IO_THREAD, Delivery.WHOLE,
                Delivery.WHOLE, 1 << 20, 1 << 20, 1 << 20, 1 << 24, 0, 0, 0, 0, Runnable::run, new SessionCounters(),
                topics, WebSocketMetrics.NONE, "/fanout");
    }

    /** One loop: its tasks and its subscribers. */
    @State(Scope.Thread)
    public static class Loop {
        final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final Executor executor = task -> {
            queued.incrementAndGet();
            tasks.add(task);
        };

        @Setup
        public void setUp(Shared shared) {
            shared.loops.add(this);
            EndpointHandler handler = new EndpointHandler() {
                @Override
                public void onOpen(Session s) {
                    s.subscribe(TOPIC);
                }
            };
            for (int i = 0; i < SUBSCRIBERS / LOOPS; i++) {
                WebSocketSession session = new WebSocketSession(i, new StubSession(), Optional.empty(),
                        NegotiatedExtensions.none(), shared.settings, new DiscardingTransport(executor),
                        request -> handler);
                session.start();
            }
            run();
        }

        int run() {
            int ran = 0;
            for (Runnable r; (r = tasks.poll()) != null; ran++) {
                queued.decrementAndGet();
                r.run();
            }
            return ran;
        }
    }

    /**
     * Waits (running its own tasks meanwhile) while another loop is far behind, as a descheduled
     * thread on a busy machine would be, so that its queue does not grow without bound; at most
     * {@link #MAX_WAIT_NANOS}, since the other thread may have left the iteration already.
     */
    private static int keepPace(Shared shared, Loop loop) {
        int ran = 0;
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        for (Loop other : shared.loops) {
            while (other.queued.get() > MAX_BACKLOG && System.nanoTime() < deadline) {
                ran += loop.run();
                Thread.onSpinWait();
            }
        }
        return ran;
    }

    /** One 64-byte text message to every subscriber of both loops; then this loop's tasks. */
    @Benchmark
    public int publishAndRunOwnLoop(Shared shared, Loop loop) {
        int ran = keepPace(shared, loop);
        int handed = shared.topics.publish(TOPIC, "0123456789012345678901234567890123456789012345678901234567890123");
        return handed + ran + loop.run();
    }
}
