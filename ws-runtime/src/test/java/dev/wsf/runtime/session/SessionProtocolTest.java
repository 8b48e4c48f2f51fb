package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Session rules, byte-level: frames in, frames and close codes out. Case ids are Autobahn's. */
class SessionProtocolTest {
    private RecordingHandler handler;

    private ServerHarness open(ServerConfig.Builder config, Dispatch dispatch, Delivery text) {
        handler = new RecordingHandler(true);
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> handler)
                .dispatch(dispatch).textDelivery(text).build();
        ServerHarness h = new ServerHarness(config.host("127.0.0.1").port(0).build(), null, echo);
        h.send(UpgradeRequestBuilder.to("/echo").bytes());
        assertEquals(101, h.status());
        assertEquals("open", handler.events.poll());
        return h;
    }

    private ServerHarness open() {
        return open(ServerConfig.builder(), Dispatch.IO_THREAD, Delivery.WHOLE);
    }

    private static byte[] close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        return RawFrame.of(0x8).payload(ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array()).bytes();
    }

    private List<String> serverEvents() {
        List<String> events = new ArrayList<>();
        handler.events.drainTo(events);
        return events;
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void echoAndNormalClose(Dispatch dispatch) { // 1.1.1, 7.1.1
        ServerHarness h = open(ServerConfig.builder(), dispatch, Delivery.WHOLE);
        h.send(RawFrame.text("Hello").bytes());
        assertEquals(List.of("TEXT Hello"), h.frames());
        h.send(close(1000, "bye"));
        assertEquals(List.of("CLOSE 1000 bye"), h.frames());
        assertTrue(h.transport.outputShutdown, "the server ends TCP first, with a half-close");
        assertTrue(h.transport.open, "and reads on, so the client's late bytes cannot turn into a reset");
        assertEquals(List.of("text:Hello", "close:1000 bye"), serverEvents());
        h.send(RawFrame.text("late").bytes()).eof();
        assertFalse(h.transport.open, "the client's end of stream ends the lingering");
        assertEquals(List.of(), serverEvents(), "what came after the close frame is dropped");
    }

    @Test
    void fragmentedMessageWithPingsInBetween() { // 5.6-5.8
        ServerHarness h = open();
        h.send(RawFrame.concat(RawFrame.text("frag").fin(false).bytes(),
                RawFrame.of(0x9).payload("p".getBytes()).bytes(),
                RawFrame.of(0x0).fin(false).payload("men".getBytes()).bytes(),
                RawFrame.of(0x9).payload("q".getBytes()).bytes(),
                RawFrame.of(0x0).payload("ted".getBytes()).bytes()));
        assertEquals(List.of("PONG 70", "PONG 71", "TEXT fragmented"), h.frames());
        assertEquals(List.of("ping:1", "ping:1", "text:fragmented"), serverEvents());
    }

    @Test
    void wholeMessagesSpanningManyReads() {
        ServerHarness h = open();
        byte[] frame = RawFrame.text("x".repeat(5000)).bytes();
        for (int i = 0; i < frame.length; i += 333) {
            h.send(java.util.Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 333)));
        }
        assertEquals(List.of("TEXT " + "x".repeat(5000)), h.frames());
    }

    @Test
    void invalidUtf8FailsFastWithinAFrame() { // 6.4.3: valid start, then invalid bytes, then the rest
        ServerHarness h = open();
        byte[] payload = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5" + "f4908080" + "656469746564");
        byte[] frame = RawFrame.of(0x1).payload(payload).bytes();
        h.send(java.util.Arrays.copyOfRange(frame, 0, 6 + 11));
        assertEquals(List.of(), h.frames(), "the valid part passes");
        h.send(java.util.Arrays.copyOfRange(frame, 6 + 11, 6 + 15));
        assertEquals(List.of("CLOSE 1007 text message is not valid UTF-8"), h.frames(), "fails before the frame ends");
        assertTrue(h.transport.outputShutdown);
        assertEquals(List.of("error:text message is not valid UTF-8", "close:1007 text message is not valid UTF-8"),
                serverEvents());
    }

    @Test
    void invalidUtf8AcrossFragments() { // 6.4.1
        ServerHarness h = open();
        h.send(RawFrame.text("\u03ba\u1f79").fin(false).bytes());
        assertEquals(List.of(), h.frames());
        h.send(RawFrame.of(0x0).fin(false).payload(HexFormat.of().parseHex("f4908080")).bytes());
        assertEquals(List.of("CLOSE 1007 text message is not valid UTF-8"), h.frames());
    }

    @Test
    void truncatedUtf8AtMessageEnd() {
        ServerHarness h = open();
        h.send(RawFrame.of(0x1).payload(HexFormat.of().parseHex("68e282")).bytes());
        assertEquals(List.of("CLOSE 1007 text message ends inside a UTF-8 sequence"), h.frames());
    }

    @Test
    void codePointsSplitAcrossFragmentsAreFine() { // 6.2.3/6.2.4
        ServerHarness h = open();
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        h.send(RawFrame.concat(RawFrame.of(0x1).fin(false).payload(new byte[] {euro[0]}).bytes(),
                RawFrame.of(0x0).fin(false).payload(new byte[] {euro[1]}).bytes(),
                RawFrame.of(0x0).payload(new byte[] {euro[2]}).bytes()));
        assertEquals(List.of("TEXT \u20ac"), h.frames());
    }

    @Test
    void partialTextDeliveryNeverSplitsACodePoint() {
        List<String> parts = new ArrayList<>();
        handler = new RecordingHandler(false) {
            @Override
            public void onTextPart(Session s, String part, boolean last) {
                parts.add(part + (last ? "|" : ""));
            }
        };
        EndpointDefinition e = EndpointDefinition.builder("/p", r -> handler).textDelivery(Delivery.PARTIAL)
                .dispatch(Dispatch.IO_THREAD).build();
        ServerHarness h = new ServerHarness(e).send(UpgradeRequestBuilder.to("/p").bytes());
        h.responseHead();
        byte[] bytes = "a\u20acb".getBytes(StandardCharsets.UTF_8); // 61 e2 82 ac 62
        h.send(RawFrame.of(0x1).fin(false).payload(java.util.Arrays.copyOfRange(bytes, 0, 2)).bytes());
        h.send(RawFrame.of(0x0).payload(java.util.Arrays.copyOfRange(bytes, 2, 5)).bytes());
        assertEquals(List.of("a", "\u20acb|"), parts);
    }

    @Test
    void messageTooBigFailsAtTheFrameHeader() {
        ServerHarness h = open(ServerConfig.builder().maxTextMessageSize(1000), Dispatch.IO_THREAD, Delivery.WHOLE);
        byte[] frame = RawFrame.text("x".repeat(1001)).bytes();
        h.send(java.util.Arrays.copyOf(frame, 8)); // header only
        assertEquals(List.of("CLOSE 1009 text message exceeds the limit of 1000 bytes"), h.frames());
    }

    @Test
    void messageTooBigAcrossFragments() {
        ServerHarness h = open(ServerConfig.builder().maxBinaryMessageSize(100), Dispatch.IO_THREAD, Delivery.WHOLE);
        h.send(RawFrame.of(0x2).fin(false).payload(new byte[60]).bytes());
        h.send(RawFrame.of(0x0).payload(new byte[60]).bytes());
        assertEquals(List.of("CLOSE 1009 binary message exceeds the limit of 100 bytes"), h.frames());
    }

    @Test
    void frameTooBig() {
        ServerHarness h = open(ServerConfig.builder().maxFrameSize(10), Dispatch.IO_THREAD, Delivery.WHOLE);
        h.send(RawFrame.of(0x2).payload(new byte[11]).bytes());
        assertEquals(List.of("CLOSE 1009 frame payload of 11 bytes exceeds the limit of 10"), h.frames());
    }

    @Test
    void protocolErrorsClose1002AndEchoWhatCameBefore() { // 3.2
        ServerHarness h = open();
        h.send(RawFrame.concat(RawFrame.text("ok").bytes(), RawFrame.text("bad").rsv(2).bytes(), RawFrame.of(0x9).bytes()));
        assertEquals(List.of("TEXT ok", "CLOSE 1002 reserved bits set without a negotiated extension"), h.frames());
        h.send(RawFrame.text("ignored").bytes());
        assertEquals(List.of(), h.frames());
        h.eof();
        assertFalse(h.transport.open);
        assertEquals(List.of("text:ok", "error:reserved bits set without a negotiated extension",
                "close:1002 reserved bits set without a negotiated extension"), serverEvents());
    }

    @Test
    void emptyCloseIsAnsweredWithAnEmptyClose() { // 7.3.1
        ServerHarness h = open();
        h.send(RawFrame.of(0x8).bytes());
        assertEquals(List.of("CLOSE (empty)"), h.frames());
        assertEquals(List.of("close:1005"), serverEvents());
    }

    @Test
    void oneByteCloseIsAProtocolError() { // 7.3.2
        ServerHarness h = open();
        h.send(RawFrame.of(0x8).payload(new byte[] {3}).bytes());
        assertEquals(List.of("CLOSE 1002 close frame payload of 1 byte"), h.frames());
    }

    @ParameterizedTest // 7.9.x, 7.13.x
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCloseCodes(int code) {
        ServerHarness h = open();
        h.send(close(code, ""));
        assertEquals(List.of("CLOSE 1002 invalid close code " + code), h.frames());
    }

    @ParameterizedTest // 7.7.x
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void validCloseCodesAreEchoed(int code) {
        ServerHarness h = open();
        h.send(close(code, "r"));
        assertEquals(List.of("CLOSE " + code + " r"), h.frames());
    }

    @Test
    void closeReasonMustBeUtf8() { // 7.5.1
        ServerHarness h = open();
        h.send(RawFrame.of(0x8).payload(HexFormat.of().parseHex("03e8cebae1bdb9cf83cebcceb5eda080656469746564")).bytes());
        assertEquals(List.of("CLOSE 1007 close reason is not valid UTF-8"), h.frames());
    }

    @Test
    void nothingIsProcessedAfterTheCloseFrame() { // 7.1.3, 7.1.4
        ServerHarness h = open();
        h.send(RawFrame.concat(close(1000, ""), RawFrame.of(0x9).bytes(), RawFrame.text("late").bytes()));
        assertEquals(List.of("CLOSE 1000"), h.frames());
        assertEquals(List.of("close:1000"), serverEvents());
    }

    @Test
    void serverInitiatedCloseWaitsForTheAnswer() {
        ServerHarness h = open();
        handler.session.close(new CloseReason(4000, "done"));
        assertEquals(List.of("CLOSE 4000 done"), h.frames());
        assertFalse(handler.session.isOpen());
        h.send(RawFrame.text("in flight").bytes());
        assertEquals(List.of(), h.frames(), "nothing may be sent after our close, not even the echo");
        assertTrue(handler.session.sendText("x").toCompletableFuture().isCompletedExceptionally());
        h.send(close(4000, "done"));
        assertTrue(h.transport.outputShutdown);
        h.eof();
        assertFalse(h.transport.open);
        assertEquals(List.of("text:in flight", "close:4000 done"), serverEvents(),
                "a message the peer sent before it saw our close is still delivered");
    }

    @Test
    void closeHandshakeTimesOut() {
        ServerHarness h = open(ServerConfig.builder().closeTimeout(Duration.ofMillis(100)), Dispatch.IO_THREAD, Delivery.WHOLE);
        handler.session.close();
        h.frames();
        h.tick(Duration.ofMillis(50).toNanos());
        assertTrue(h.transport.open);
        h.tick(Duration.ofMillis(200).toNanos());
        assertFalse(h.transport.open);
        assertEquals(List.of("close:1006 the peer did not answer the close handshake"), serverEvents());
    }

    @Test
    void connectionLostWithoutCloseFrame() {
        ServerHarness h = open();
        h.eof();
        assertFalse(h.transport.open);
        assertEquals(List.of("close:1006 connection closed without a close frame"), serverEvents());
    }

    @Test
    void closeCodesThatMayNotBeSentAreRejected() {
        open();
        assertThrows(IllegalArgumentException.class, () -> handler.session.close(new CloseReason(1006, "")));
        assertThrows(IllegalArgumentException.class, () -> handler.session.sendPing(ByteBuffer.allocate(126)));
    }

    @Test
    void idleSessionsAreClosedWith1001() {
        ServerHarness h = open(ServerConfig.builder().idleTimeout(Duration.ofSeconds(1)), Dispatch.IO_THREAD, Delivery.WHOLE);
        h.tick(Duration.ofMillis(500).toNanos());
        assertEquals(List.of(), h.frames());
        h.tick(Duration.ofMillis(1500).toNanos());
        assertEquals(List.of("CLOSE 1001 idle timeout"), h.frames());
    }

    @Test
    void heartbeatPingsAndDropsSilentPeers() {
        ServerHarness h = open(ServerConfig.builder().heartbeatInterval(Duration.ofSeconds(1)), Dispatch.IO_THREAD,
                Delivery.WHOLE);
        h.tick(Duration.ofMillis(1100).toNanos());
        List<String> frames = h.frames();
        assertEquals(1, frames.size());
        assertTrue(frames.get(0).startsWith("PING "), frames.toString());
        h.send(RawFrame.of(0xA).payload(HexFormat.of().parseHex(frames.get(0).substring(5))).bytes());
        h.tick(Duration.ofMillis(2500).toNanos());
        assertTrue(h.frames().get(0).startsWith("PING "), "answered: the next ping follows");
        h.tick(Duration.ofMillis(5000).toNanos());
        assertFalse(h.transport.open, "no pong: dropped");
        List<String> events = serverEvents();
        assertEquals("close:1006 no pong within 1000 ms", events.get(events.size() - 1));
    }

    @Test
    void exceptionsInCallbacksGoToOnErrorAndDefaultTo1011() {
        EndpointDefinition e = EndpointDefinition.builder("/boom", r -> new dev.wsf.api.endpoint.EndpointHandler() {
            @Override
            public void onText(Session s, String m) {
                throw new IllegalStateException("boom");
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        ServerHarness h = new ServerHarness(e).send(UpgradeRequestBuilder.to("/boom").bytes());
        h.responseHead();
        h.send(RawFrame.text("x").bytes());
        assertEquals(List.of("CLOSE 1011"), h.frames());
    }

    @Test
    void factoryFailureCloses1011() {
        EndpointDefinition e = EndpointDefinition.builder("/nope", r -> {
            throw new IllegalStateException("no database");
        }).dispatch(Dispatch.IO_THREAD).build();
        ServerHarness h = new ServerHarness(e).send(UpgradeRequestBuilder.to("/nope").bytes());
        h.responseHead();
        assertEquals(List.of("CLOSE 1011 endpoint unavailable"), h.frames());
    }

    @Test
    void aFactoryReturningNullCloses1011() {
        EndpointDefinition e = EndpointDefinition.builder("/null", r -> null).dispatch(Dispatch.IO_THREAD).build();
        ServerHarness h = new ServerHarness(e).send(UpgradeRequestBuilder.to("/null").bytes());
        h.responseHead();
        assertEquals(List.of("CLOSE 1011 endpoint unavailable"), h.frames());
    }

    @Test
    void blockingSendsOnTheIoThreadFailInsteadOfHanging() {
        open();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> handler.session.sendTextAndAwait("x"));
        assertTrue(e.getMessage().contains("Dispatch.WORKER"), e.getMessage());
    }

    @Test
    void fragmentedSendsMayNotInterleave() {
        ServerHarness h = open();
        Session s = handler.session;
        s.sendText("a", false);
        assertThrows(IllegalStateException.class, () -> s.sendBinary(ByteBuffer.allocate(1)));
        s.sendText("b", true);
        s.sendBinary(ByteBuffer.allocate(2));
        assertEquals(List.of("TEXT... a", "CONTINUATION b", "BINARY 2 bytes"), h.frames());
        assertThrows(IllegalArgumentException.class, () -> s.sendText("\ud83d", false));
    }

    // A whole message in the middle of a fragmented one of the same type must not become its last part.
    @Test
    void aWholeMessageMayNotInterruptAFragmentedOne() {
        ServerHarness h = open();
        Session s = handler.session;
        s.sendText("a", false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.sendText("whole"));
        assertTrue(e.getMessage().startsWith("a fragmented text message is in progress"), e.getMessage());
        s.sendText("b", true);
        s.sendBinary(ByteBuffer.allocate(1), false);
        assertThrows(IllegalStateException.class, () -> s.sendBinary(ByteBuffer.allocate(3)));
        s.sendBinary(ByteBuffer.wrap(new byte[] {'c'}), true);
        s.sendText("whole");
        assertEquals(List.of("TEXT... a", "CONTINUATION b", "BINARY... 1 bytes", "CONTINUATION c", "TEXT whole"),
                h.frames());
    }

    @Test
    void closeWhileAWorkerSessionHasQueuedInput() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.WORKER, Delivery.WHOLE);
        h.send(RawFrame.concat(RawFrame.text("one").bytes(), close(1000, ""), RawFrame.text("two").bytes()));
        assertEquals(List.of("TEXT one", "CLOSE 1000"), h.frames());
        assertNull(handler.events.stream().filter(e -> e.contains("two")).findAny().orElse(null));
    }
}
