package dev.wsf.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.testkit.Eventually;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an idle connection lets go of, checked part by part rather than by measuring the heap
 * (see {@code dev.wsf.bench.IdleMemory} for that): once a tick has found it quiet, a connection
 * that has exchanged a message holds no write queue and no frame parser, and it still works.
 */
class IdleFootprintTest {
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** A field of an internal object, read reflectively, as nothing else should see it. */
    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    private static Object writeQueue(Object session) throws ReflectiveOperationException {
        return field(field(field(session, "transport"), "output"), "queue");
    }

    private static Object parser(Object session) throws ReflectiveOperationException {
        return field(field(session, "inbound"), "parser");
    }

    private static boolean idle(Object session) {
        try {
            return writeQueue(session) == null && parser(session) == null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] echoOf(RawClient c, String text) throws Exception {
        c.write(RawFrame.text(text).bytes());
        byte[] head = c.readExactly(2);
        assertEquals(0x81, head[0] & 0xff);
        return c.readExactly(head[1]);
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void aQuietConnectionHoldsNoWriteQueueNorParserAndStillEchoes(Dispatch dispatch) throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        // a short close timeout makes the ticks come every 100 ms
        server = WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0)
                        .closeTimeout(Duration.ofMillis(400)).build())
                .endpoints(List.of(EndpointDefinition.builder("/echo", r -> handler).dispatch(dispatch).build()))
                .build().start();
        try (RawClient c = RawClient.upgraded(server.port(), "/echo")) {
            assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), echoOf(c, "one"));
            Object session = handler.session;
            assertNotNull(session);
            Eventually.until(Duration.ofSeconds(10), () -> idle(session),
                    () -> "the idle session still holds its write queue or parser");
            assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), echoOf(c, "two"));
        }
    }
}
