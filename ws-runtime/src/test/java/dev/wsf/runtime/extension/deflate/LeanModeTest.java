package dev.wsf.runtime.extension.deflate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory-lean mode (no context takeover either way, zlib streams lent per message) and the
 * server-wide cap on sessions that keep context.
 */
class LeanModeTest {
    private static final ExtensionContext CONTEXT = new ExtensionContext(1 << 20);
    private static final String PMD = "permessage-deflate";
    private static final String LEAN_RESPONSE = PMD + "; server_no_context_takeover; client_no_context_takeover";
    private static final DeflateSettings LEAN_ALL = DeflateSettings.lean().toBuilder().compressionThreshold(0).build();

    @Test
    void aLeanServerAddsBothNoContextTakeoverParametersToAnyOffer() {
        PerMessageDeflateFactory server = new PerMessageDeflateFactory(DeflateSettings.lean());
        assertEquals(LEAN_RESPONSE, accept(server, PMD).config().toString());
        assertEquals(LEAN_RESPONSE, accept(server, PMD + "; client_max_window_bits").config().toString());
        assertEquals(LEAN_RESPONSE + "; server_max_window_bits=10",
                accept(server, PMD + "; server_max_window_bits=10").config().toString());
    }

    @Test
    void aLeanClientAsksForBothAndKeepsNoStreamBetweenMessages() {
        assertEquals(PMD + "; server_no_context_takeover; client_no_context_takeover; client_max_window_bits",
                ExtensionConfig.toHeaderValue(new PerMessageDeflateFactory(DeflateSettings.lean()).offers()));
        try (Peers p = Peers.negotiate(LEAN_ALL, DeflateSettings.defaults(), Long.MAX_VALUE)) {
            roundTrip(p, 0);
            assertFalse(holds(p.client));
        }
    }

    @Test
    void leanPeersHoldNoZlibStateBetweenMessagesButTheDefaultKeepsIt() {
        try (Peers lean = Peers.negotiate(LEAN_ALL, LEAN_ALL, Long.MAX_VALUE);
             Peers keeping = Peers.negotiate(DeflateSettings.builder().compressionThreshold(0).build())) {
            roundTrip(lean, 1);
            roundTrip(keeping, 1);
            assertFalse(holds(lean.client));
            assertFalse(holds(lean.server));
            assertTrue(holds(keeping.client));
            assertTrue(holds(keeping.server));
        }
    }

    @Test
    void aFragmentedMessageHoldsItsStreamsUntilItsLastFrame() {
        try (Peers p = Peers.negotiate(LEAN_ALL, LEAN_ALL, Long.MAX_VALUE)) {
            FrameRecorder wire = new FrameRecorder();
            FrameRecorder delivered = new FrameRecorder();
            p.client.onOutboundFrame(new Frame(Opcode.TEXT, false, 0, ByteBuffer.wrap(json(1))), wire);
            p.server.onInboundFrame(wire.frames.get(0).toFrame(), delivered);
            assertTrue(holds(p.client));
            assertTrue(holds(p.server));
            p.client.onOutboundFrame(new Frame(Opcode.CONTINUATION, true, 0, ByteBuffer.wrap(json(2))), wire);
            p.server.onInboundFrame(wire.frames.get(1).toFrame(), delivered);
            assertFalse(holds(p.client));
            assertFalse(holds(p.server));
            assertEquals(new String(json(1), UTF_8) + new String(json(2), UTF_8),
                    new String(delivered.bytes(), UTF_8));
        }
    }

    /** Streams go from connection to connection; each must start clean, whatever the last one did. */
    @Test
    void interleavedSessionsAndMessagesCutShortShareThePoolSafely() {
        List<Peers> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                peers.add(Peers.negotiate(LEAN_ALL, LEAN_ALL, Long.MAX_VALUE));
            }
            for (int round = 0; round < 30; round++) {
                Peers p = peers.get(round % peers.size());
                roundTrip(p, round);
                if (round % 7 == 3) { // a session dies mid-message: its borrowed streams go back dirty
                    Peers dying = Peers.negotiate(LEAN_ALL, LEAN_ALL, Long.MAX_VALUE);
                    FrameRecorder wire = new FrameRecorder();
                    dying.client.onOutboundFrame(new Frame(Opcode.TEXT, false, 0, ByteBuffer.wrap(json(round))), wire);
                    dying.server.onInboundFrame(wire.frames.get(0).toFrame(), new FrameRecorder());
                    dying.close();
                }
            }
        } finally {
            peers.forEach(Peers::close);
        }
    }

    @Test
    void sessionsBeyondTheCapAreAnsweredLeanUntilEarlierOnesClose() {
        PerMessageDeflateFactory server = new PerMessageDeflateFactory(
                DeflateSettings.builder().maxContextTakeoverSessions(2).build());
        Extension first = accept(server, PMD);
        Extension second = accept(server, PMD + "; client_max_window_bits");
        Extension third = accept(server, PMD);
        assertEquals(PMD, first.config().toString());
        assertEquals(PMD, second.config().toString());
        assertEquals(LEAN_RESPONSE, third.config().toString());
        assertEquals(2, server.contextTakeoverSessions());

        // A client that keeps no context either way takes no slot.
        Extension alreadyLean = accept(server, LEAN_RESPONSE);
        assertEquals(LEAN_RESPONSE, alreadyLean.config().toString());
        assertEquals(2, server.contextTakeoverSessions());

        first.close();
        first.close(); // twice gives back one slot, not two
        assertEquals(1, server.contextTakeoverSessions());
        Extension fourth = accept(server, PMD);
        assertEquals(PMD, fourth.config().toString());
        assertEquals(LEAN_RESPONSE, accept(server, PMD).config().toString());

        for (Extension e : List.of(second, third, alreadyLean, fourth)) {
            e.close();
        }
        assertEquals(0, server.contextTakeoverSessions());
    }

    @Test
    void aCapOfZeroMakesEverySessionLean() {
        PerMessageDeflateFactory server = new PerMessageDeflateFactory(
                DeflateSettings.builder().maxContextTakeoverSessions(0).build());
        try (Extension e = accept(server, PMD)) {
            assertEquals(LEAN_RESPONSE, e.config().toString());
        }
        assertEquals(0, server.contextTakeoverSessions());
    }

    private static Extension accept(PerMessageDeflateFactory factory, String offer) {
        return factory.acceptOffer(ExtensionConfig.parse(offer).get(0), CONTEXT).orElseThrow();
    }

    private static boolean holds(Extension e) {
        return ((PerMessageDeflate) e).holdsZlibState();
    }

    private static void roundTrip(Peers p, int seed) {
        byte[] up = json(seed);
        byte[] down = json(seed + 1000);
        assertArrayEquals(up, Peers.send(p.client, p.server, Opcode.TEXT, up).delivered().bytes());
        assertArrayEquals(down, Peers.send(p.server, p.client, Opcode.TEXT, down).delivered().bytes());
    }

    private static byte[] json(int i) {
        return ("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"user" + i + "\",\"text\":\"hello number " + i
                + " from the lean mode test, hello hello hello\",\"seq\":" + i + "}").getBytes(UTF_8);
    }
}
