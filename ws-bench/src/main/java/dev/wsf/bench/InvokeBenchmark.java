package dev.wsf.bench;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.endpoint.EndpointHandler;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A message through the annotation binder: the runtime calls the generated handler, which calls
 * the user's method through its MethodHandle and sends the return value. The session is a stub
 * whose send does nothing, so this measures the binding layer alone: a String echo, and a JSON
 * record decoded and encoded by Jackson.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InvokeBenchmark {

    @Endpoint(path = "/echo")
    public static class Echo {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    public record Chat(String room, String user, long seq, String text) {
    }

    @Endpoint(path = "/json")
    public static class Json {
        @OnMessage
        public Chat echo(Chat message) {
            return message;
        }
    }

    private final StubSession session = new StubSession();
    private EndpointHandler echo;
    private EndpointHandler json;
    private final String text = "hello, this is a short chat message";
    private final String chat = "{\"room\":\"lobby\",\"user\":\"ann\",\"seq\":7,\"text\":\"hello, this is a short chat message\"}";

    @Setup
    public void setUp() {
        echo = AnnotatedEndpoints.define(Echo.class).get(0).factory().create(session.handshakeRequest());
        json = AnnotatedEndpoints.define(Json.class).get(0).factory().create(session.handshakeRequest());
        echo.onOpen(session);
        json.onOpen(session);
    }

    @Benchmark
    public int stringEcho() {
        echo.onText(session, text);
        return session.sent;
    }

    @Benchmark
    public int jsonRecordEcho() {
        json.onText(session, chat);
        return session.sent;
    }
}
