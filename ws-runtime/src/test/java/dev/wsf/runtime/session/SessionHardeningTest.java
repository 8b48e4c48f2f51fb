package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import dev.wsf.runtime.server.ServerContext;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a hostile or broken peer can and cannot make a session do, byte by byte. */
class SessionHardeningTest {
    private static final int MIB = 1024 * 1024;
    private RecordingHandler handler;

    private ServerHarness open(ServerConfig.Builder config, Dispatch dispatch, String extensions) {
        handler = new RecordingHandler(true);
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> handler).dispatch(dispatch).build();
        ServerHarness h = new ServerHarness(config.host("127.0.0.1").port(0).build(), null, echo);
        UpgradeRequestBuilder request = UpgradeRequestBuilder.to("/echo");
        if (extensions != null) {
            request.header("Sec-WebSocket-Extensions", extensions);
        }
        h.send(request.bytes());
        assertEquals(101, h.status());
        assertEquals("open", handler.events.poll());
        return h;
    }

    private List<String> serverEvents() {
        List<String> events = new ArrayList<>();
        handler.events.drainTo(events);
        return events;
    }

    /** The first {@code n} bytes of a masked binary frame that announces {@code length} bytes. */
    private static byte[] announce(int opcode, boolean fin, int length, int n) {
        return Arrays.copyOf(RawFrame.of(opcode).fin(fin).payload(new byte[length]).bytes(), n);
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void aFrameHeaderAnnouncingMegabytesCostsWhatArrivesNotWhatIsAnnounced(Dispatch dispatch) {
        ServerHarness h = open(ServerConfig.builder(), dispatch, null);
        h.send(announce(0x2, true, 4 * MIB - 1, 14 + 1)); // 64-bit length form: 14-byte header, one payload byte
        h.send(new byte[1]); // a second read, so the message must be collected
        long held = h.transport.budget.used();
        assertTrue(held <= Aggregate.FIRST_CAPACITY, "4 MiB announced, 2 bytes sent, " + held + " held");
        byte[] more = new byte[100_000];
        h.send(more);
        held = h.transport.budget.used();
        assertTrue(held >= 100_002 && held <= 2 * 100_002 + Aggregate.FIRST_CAPACITY,
                "grows with what arrives, at most doubling: " + held);
        h.eof();
        assertEquals(0, h.transport.budget.used(), "all returned when the connection ends");
    }

    @Test
    void aFragmentedMessageAnnouncingMegabytesCostsWhatArrives() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
        h.send(RawFrame.of(0x2).fin(false).payload(new byte[10]).bytes());
        h.send(announce(0x0, false, 4 * MIB - 100, 14 + 1));
        assertTrue(h.transport.budget.used() <= Aggregate.FIRST_CAPACITY, h.transport.budget.used() + " held");
    }

    @Test
    void withAnExtensionTheFrameCollectorAlsoGrowsWithWhatArrives() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, "permessage-deflate");
        byte[] header = RawFrame.of(0x2).rsv(4).payload(new byte[4 * MIB - 1]).bytes();
        h.send(Arrays.copyOf(header, 15));
        h.send(new byte[1]);
        assertTrue(h.transport.budget.used() <= Aggregate.FIRST_CAPACITY, h.transport.budget.used() + " held");
    }

    @Test
    void protocolViolationsAreCountedAndLoggedBelowWarning() {
        ServerContext[] context = new ServerContext[1];
        try (LogCapture log = LogCapture.under("dev.wsf")) {
            for (int i = 0; i < 20; i++) {
                ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
                context[0] = h.context;
                h.send(new byte[] {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0}); // reserved opcode
                assertEquals(List.of("CLOSE 1002 reserved opcode 0x3"), h.frames());
                h.eof();
            }
            assertEquals(List.of(), log.messagesAtLeast(Level.WARNING), "a peer's mistakes are not the server's");
        }
    }

    @Test
    void theViolationsOfOneServerAddUp() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
        h.send(RawFrame.text("x").rsv(1).bytes());
        assertEquals(1, h.context.counters().protocolViolations());
        assertEquals(0, h.context.counters().internalErrors());
    }

    @Test
    void pingsAndPongsGoAheadOfDataTheSocketHasNotTaken() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
        h.transport.stalled = true; // the peer reads nothing for a while
        h.send(RawFrame.text("one").bytes());
        h.send(RawFrame.text("two").bytes());
        h.send(RawFrame.of(0x9).payload("p".getBytes()).bytes());
        assertEquals(List.of("PONG 70", "TEXT one", "TEXT two"), h.frames());
    }

    @Test
    void theAnswerToACloseJumpsABacklogAndDropsIt() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
        h.transport.stalled = true;
        CompletableFuture<Void> big = handler.session.sendBinary(ByteBuffer.allocate(100_000)).toCompletableFuture();
        h.send(RawFrame.of(0x8).payload(new byte[] {0x03, (byte) 0xe8}).bytes());
        assertEquals(List.of("CLOSE 1000"), h.frames(), "100 KB queued for a peer that has closed: not worth waiting for");
        assertTrue(big.isCompletedExceptionally());
    }

    @Test
    void theAnswerToACloseFollowsASmallBacklog() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
        h.transport.stalled = true;
        h.send(RawFrame.concat(RawFrame.text("last words").bytes(), RawFrame.of(0x8).payload(new byte[] {0x03, (byte) 0xe8}).bytes()));
        assertEquals(List.of("TEXT last words", "CLOSE 1000"), h.frames(), "the echo of the peer's last message is kept");
    }

    @Test
    void anOverloadedSessionDropsItsBacklogAndClosesWith1013() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.IO_THREAD, null);
        h.transport.stalled = true;
        CompletableFuture<Void> queued = handler.session.sendText("queued").toCompletableFuture();
        h.transport.protocol.onOverload();
        h.transport.runTasks();
        assertEquals(List.of("CLOSE 1013 server overloaded"), h.frames());
        assertTrue(queued.isCompletedExceptionally());
        assertTrue(h.transport.outputShutdown);
        assertEquals(1, h.context.counters().overloaded());
        assertEquals(List.of("close:1013 server overloaded"), serverEvents());
    }

    /** Passes frames on unchanged, but fails on an outgoing message that says "boom". */
    private static final class Fragile implements ExtensionFactory {
        @Override
        public String name() {
            return "x-fragile";
        }

        @Override
        public Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context) {
            return Optional.of(new Extension() {
                @Override
                public ExtensionConfig config() {
                    return offer;
                }

                @Override
                public int rsvBits() {
                    return Frame.RSV2;
                }

                @Override
                public void onInboundFrame(Frame frame, FrameSink next) {
                    next.accept(frame);
                }

                @Override
                public void onOutboundFrame(Frame frame, FrameSink next) {
                    if (StandardCharsets.UTF_8.decode(frame.payload().duplicate()).toString().equals("boom")) {
                        throw new IllegalStateException("the fragile extension broke");
                    }
                    next.accept(frame);
                }
            });
        }

        @Override
        public List<ExtensionConfig> offers() {
            return List.of(ExtensionConfig.of(name()));
        }

        @Override
        public Extension acceptResponse(ExtensionConfig response, ExtensionContext context) {
            throw new UnsupportedOperationException("server-side test");
        }
    }

    @Test
    void anExtensionFailingOnTheWayOutClosesWith1011AndFailsEveryPendingSend() {
        ServerHarness h = open(ServerConfig.builder().extensions(new Fragile()), Dispatch.IO_THREAD, "x-fragile");
        h.transport.stalled = true;
        CompletableFuture<Void> before = handler.session.sendText("fine").toCompletableFuture();
        CompletableFuture<Void> boom = handler.session.sendText("boom").toCompletableFuture();
        assertTrue(boom.isCompletedExceptionally(), "the send that broke it fails, not throws");
        assertTrue(before.isCompletedExceptionally(), "what was still queued is dropped and fails");
        assertFalse(handler.session.isOpen());
        assertEquals(List.of("CLOSE 1011 an extension failed"), h.frames());
        assertEquals(1, h.context.counters().internalErrors());
        List<String> events = serverEvents();
        assertEquals("close:1011 an extension failed", events.get(events.size() - 1));
    }

    @Test
    void inputAfterTheSessionFailedIsDroppedNotQueued() {
        ServerHarness h = open(ServerConfig.builder(), Dispatch.WORKER, null);
        h.send(RawFrame.text("x").rsv(1).bytes());
        h.frames();
        h.send(new byte[200_000]);
        assertEquals(0, h.transport.budget.used(), "a lingering connection holds nothing of what it reads");
        assertFalse(h.transport.readingSuspended);
    }
}
