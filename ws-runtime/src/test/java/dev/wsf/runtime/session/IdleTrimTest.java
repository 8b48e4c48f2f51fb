package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A session quiet for a tick between messages lets go of its parser; the next input makes a new one. */
class IdleTrimTest {
    private RecordingHandler handler;

    private ServerHarness open(Dispatch dispatch) {
        handler = new RecordingHandler(true);
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> handler).dispatch(dispatch).build();
        ServerHarness h = new ServerHarness(ServerConfig.builder().host("127.0.0.1").port(0).build(), null, echo);
        h.send(UpgradeRequestBuilder.to("/echo").bytes());
        assertEquals(101, h.status());
        return h;
    }

    /** Ticks enough: the first sees the input since the one before, the next finds the session quiet. */
    private static void quiet(ServerHarness h) {
        h.tick(0).tick(0).tick(0);
    }

    /** The session's parser, or null: read reflectively, as nothing else should see it. */
    private Object parser() throws ReflectiveOperationException {
        Field inbound = WebSocketSession.class.getDeclaredField("inbound");
        inbound.setAccessible(true);
        Field parser = Inbound.class.getDeclaredField("parser");
        parser.setAccessible(true);
        return parser.get(inbound.get(handler.session));
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void aQuietSessionHoldsNoParserAndStillReadsTheNextMessage(Dispatch dispatch) throws Exception {
        ServerHarness h = open(dispatch);
        h.send(RawFrame.text("one").bytes());
        assertEquals(List.of("TEXT one"), h.frames());
        assertNotNull(parser());
        quiet(h);
        awaitNoParser();
        h.send(RawFrame.text("two").bytes());
        assertEquals(List.of("TEXT two"), h.frames());
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void aMessageOrHeaderUnderWayIsKeptAcrossQuietTicks(Dispatch dispatch) throws Exception {
        ServerHarness h = open(dispatch);
        h.send(RawFrame.text("frag").fin(false).bytes());
        quiet(h);
        byte[] rest = RawFrame.of(0x0).payload("mented".getBytes()).bytes();
        h.send(Arrays.copyOfRange(rest, 0, 1)); // half a header
        quiet(h);
        assertNotNull(parser());
        h.send(Arrays.copyOfRange(rest, 1, rest.length));
        assertEquals(List.of("TEXT fragmented"), h.frames());
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void aContinuationAfterATrimIsStillAProtocolError(Dispatch dispatch) throws Exception {
        ServerHarness h = open(dispatch);
        h.send(RawFrame.text("whole").bytes());
        assertEquals(List.of("TEXT whole"), h.frames());
        quiet(h);
        awaitNoParser();
        h.send(RawFrame.of(0x0).payload("orphan".getBytes()).bytes());
        assertEquals(1002, closeCode(h.frames()));
    }

    private static int closeCode(List<String> frames) {
        String close = frames.get(frames.size() - 1);
        return Integer.parseInt(close.split(" ")[1]);
    }

    /** A worker trims on its own thread: wait for it, briefly. */
    private void awaitNoParser() throws Exception {
        for (int i = 0; i < 200 && parser() != null; i++) {
            Thread.sleep(10);
        }
        assertNull(parser());
    }
}
