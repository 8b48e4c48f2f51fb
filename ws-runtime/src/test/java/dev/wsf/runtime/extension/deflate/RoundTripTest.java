package dev.wsf.runtime.extension.deflate;

import static dev.wsf.runtime.extension.deflate.FrameRecorder.frame;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages through a negotiated client and server, both directions (RFC 7692 section 7.2). */
class RoundTripTest {
    private static final DeflateSettings COMPRESS_ALL = DeflateSettings.builder().compressionThreshold(0).build();

    static Stream<Arguments> settings() {
        DeflateSettings.Builder b = COMPRESS_ALL.toBuilder();
        return Stream.of(
                arguments("context takeover both ways", b.build()),
                arguments("server_no_context_takeover", b.serverNoContextTakeover(true).build()),
                arguments("both no_context_takeover", b.clientNoContextTakeover(true).build()),
                arguments("client_no_context_takeover", b.serverNoContextTakeover(false).build()),
                arguments("level 1", COMPRESS_ALL.toBuilder().compressionLevel(1).build()),
                arguments("level 0 (stored blocks)", COMPRESS_ALL.toBuilder().compressionLevel(0).build()),
                arguments("small windows",
                        COMPRESS_ALL.toBuilder().serverMaxWindowBits(9).clientMaxWindowBits(8).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void messagesSurviveBothWays(String name, DeflateSettings settings) {
        try (Peers p = Peers.negotiate(settings)) {
            for (int i = 0; i < 20; i++) {
                byte[] message = chatMessage(i);
                assertDelivered(Peers.send(p.client, p.server, Opcode.TEXT, message), Opcode.TEXT, message);
                assertDelivered(Peers.send(p.server, p.client, Opcode.BINARY, message), Opcode.BINARY, message);
            }
            byte[] big = text(300_000, 7);
            assertDelivered(Peers.send(p.client, p.server, Opcode.TEXT, big), Opcode.TEXT, big);
            assertDelivered(Peers.send(p.server, p.client, Opcode.TEXT, big), Opcode.TEXT, big);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void fragmentedMessagesSurviveBothWays(String name, DeflateSettings settings) {
        byte[] message = text(40_000, 3);
        byte[][] fragments = {slice(message, 0, 10), slice(message, 10, 10), slice(message, 10, 25_000),
            slice(message, 25_000, 40_000), new byte[0]};
        try (Peers p = Peers.negotiate(settings)) {
            for (int round = 0; round < 3; round++) {
                Peers.Transfer t = Peers.send(p.client, p.server, Opcode.TEXT, fragments);
                assertEquals(fragments.length, t.wire().frames.size());
                for (int i = 0; i < fragments.length; i++) {
                    FrameRecorder.Recorded f = t.wire().frames.get(i);
                    assertEquals(i == 0 ? Frame.RSV1 : 0, f.rsv(), "RSV1 on the first frame only");
                    assertEquals(i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, f.opcode());
                    assertEquals(i == fragments.length - 1, f.fin());
                }
                assertDelivered(t, Opcode.TEXT, message);
                assertDelivered(Peers.send(p.server, p.client, Opcode.BINARY, fragments), Opcode.BINARY, message);
            }
        }
    }

    @Test
    void eachFragmentIsFlushedSoItCanBeSentAtOnce() throws Exception {
        byte[] first = text(5_000, 1);
        try (Peers p = Peers.negotiate(COMPRESS_ALL)) {
            FrameRecorder wire = new FrameRecorder();
            p.client.onOutboundFrame(frame(Opcode.TEXT, false, 0, first), wire);
            // The first fragment alone inflates to everything it was given.
            Inflater inflater = new Inflater(true);
            inflater.setInput(wire.only().payload());
            byte[] out = new byte[first.length + 1];
            assertEquals(first.length, inflater.inflate(out));
            inflater.end();
            assertArrayEquals(first, Arrays.copyOf(out, first.length));
        }
    }

    @Test
    void contextTakeoverShrinksRepeatedMessagesAndNoContextTakeoverDoesNot() {
        byte[] message = chatMessage(1);
        try (Peers with = Peers.negotiate(COMPRESS_ALL);
             Peers without = Peers.negotiate(COMPRESS_ALL.toBuilder().clientNoContextTakeover(true).build())) {
            int first = wireSize(Peers.send(with.client, with.server, Opcode.TEXT, message));
            int second = wireSize(Peers.send(with.client, with.server, Opcode.TEXT, message));
            assertTrue(second * 4 < first, "second copy should mostly refer back: " + first + " then " + second);

            int firstAlone = wireSize(Peers.send(without.client, without.server, Opcode.TEXT, message));
            int secondAlone = wireSize(Peers.send(without.client, without.server, Opcode.TEXT, message));
            assertEquals(firstAlone, secondAlone);
        }
    }

    @Test
    void theClientKeepsItsPromiseOfNoContextTakeoverEvenIfTheServerDoesNotRepeatIt() {
        // A server ignoring the hint answers plain "permessage-deflate"; the client must still reset.
        DeflateSettings client = COMPRESS_ALL.toBuilder().clientNoContextTakeover(true).build();
        PerMessageDeflateFactory factory = new PerMessageDeflateFactory(client);
        try (Extension e = factory.acceptResponse(dev.wsf.api.extension.ExtensionConfig.of("permessage-deflate"),
                new dev.wsf.api.extension.ExtensionContext(1 << 20))) {
            FrameRecorder wire = new FrameRecorder();
            e.onOutboundFrame(frame(Opcode.TEXT, true, 0, chatMessage(1)), wire);
            e.onOutboundFrame(frame(Opcode.TEXT, true, 0, chatMessage(1)), wire);
            assertArrayEquals(wire.frames.get(0).payload(), wire.frames.get(1).payload());
        }
    }

    @Test
    void emptyMessagesCompressAndInflate() {
        try (Peers p = Peers.negotiate(COMPRESS_ALL)) {
            Peers.Transfer t = Peers.send(p.client, p.server, Opcode.TEXT, new byte[0]);
            assertEquals(Frame.RSV1, t.wire().only().rsv());
            assertArrayEquals(new byte[] {0}, t.wire().only().payload());
            assertDelivered(t, Opcode.TEXT, new byte[0]);
            // Fragmented, with nothing in any fragment.
            assertDelivered(Peers.send(p.server, p.client, Opcode.BINARY, new byte[0], new byte[0], new byte[0]),
                    Opcode.BINARY, new byte[0]);
        }
    }

    @Test
    void messagesBelowTheThresholdGoOutUncompressed() {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(100).build();
        try (Peers p = Peers.negotiate(settings)) {
            byte[] small = slice(text(200, 5), 0, 99);
            Peers.Transfer t = Peers.send(p.server, p.client, Opcode.TEXT, small);
            assertEquals(0, t.wire().only().rsv());
            assertArrayEquals(small, t.wire().only().payload());
            assertDelivered(t, Opcode.TEXT, small);

            byte[] atThreshold = slice(text(200, 5), 0, 100);
            t = Peers.send(p.server, p.client, Opcode.TEXT, atThreshold);
            assertEquals(Frame.RSV1, t.wire().only().rsv());
            assertDelivered(t, Opcode.TEXT, atThreshold);

            t = Peers.send(p.server, p.client, Opcode.TEXT, new byte[0]);
            assertEquals(0, t.wire().only().rsv(), "an empty message is below any positive threshold");

            // Fragmented messages are compressed whatever their size: it is not known up front.
            t = Peers.send(p.server, p.client, Opcode.TEXT, slice(small, 0, 5), slice(small, 5, 10));
            assertEquals(Frame.RSV1, t.wire().frames.get(0).rsv());
            assertDelivered(t, Opcode.TEXT, slice(small, 0, 10));
        }
    }

    @Test
    void uncompressedPayloadsAreCopiedBecauseTheCallerKeepsItsBuffer() {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(100).build();
        try (Peers p = Peers.negotiate(settings)) {
            ByteBuffer payload = ByteBuffer.wrap("short".getBytes(UTF_8));
            Frame[] sent = new Frame[1];
            p.server.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, payload), f -> sent[0] = f);
            assertNotSame(payload, sent[0].payload());
            payload.put(0, (byte) 'X');
            assertEquals("short", UTF_8.decode(sent[0].payload()).toString());
        }
    }

    @Test
    void theCallersPayloadKeepsItsPositionAndLimit() {
        try (Peers p = Peers.negotiate(COMPRESS_ALL.toBuilder().serverMaxWindowBits(8).build())) {
            for (Extension e : new Extension[] {p.client, p.server}) {
                ByteBuffer payload = ByteBuffer.wrap(text(5_000, 2));
                payload.position(7).limit(4_000);
                ByteBuffer readOnly = payload.asReadOnlyBuffer();
                e.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, readOnly), f -> { });
                assertEquals(7, readOnly.position());
                assertEquals(4_000, readOnly.limit());
            }
            ByteBuffer wire = ByteBuffer.wrap(FrameRecorder.hex("f2 48 cd c9 c9 07 00"));
            p.client.onInboundFrame(new Frame(Opcode.TEXT, true, Frame.RSV1, wire), f -> { });
            assertEquals(0, wire.position());
            assertEquals(7, wire.limit());
        }
    }

    @Test
    void directBuffersWorkBothWays() {
        try (Peers p = Peers.negotiate(COMPRESS_ALL)) {
            byte[] message = text(10_000, 4);
            ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
            FrameRecorder wire = new FrameRecorder();
            p.client.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, direct), wire);
            byte[] compressed = wire.only().payload();
            ByteBuffer directIn = ByteBuffer.allocateDirect(compressed.length).put(compressed).flip();
            FrameRecorder delivered = new FrameRecorder();
            p.server.onInboundFrame(new Frame(Opcode.TEXT, true, Frame.RSV1, directIn), delivered);
            assertArrayEquals(message, delivered.bytes());
        }
    }

    @Test
    void uncompressedInboundMessagesPassThroughUntouched() {
        try (Peers p = Peers.negotiate(COMPRESS_ALL)) {
            Frame first = frame(Opcode.TEXT, false, 0, "plain ".getBytes(UTF_8));
            Frame last = frame(Opcode.CONTINUATION, true, 0, "text".getBytes(UTF_8));
            FrameRecorder out = new FrameRecorder();
            p.server.onInboundFrame(first, out);
            p.server.onInboundFrame(last, out);
            assertEquals(2, out.frames.size());
            assertEquals("plain text", new String(out.bytes(), UTF_8));
            // And a compressed message after it still inflates.
            assertDelivered(Peers.send(p.client, p.server, Opcode.TEXT, chatMessage(3)), Opcode.TEXT, chatMessage(3));
        }
    }

    @Test
    void otherExtensionsRsvBitsArePassedAlong() {
        try (Peers p = Peers.negotiate(COMPRESS_ALL)) {
            FrameRecorder wire = new FrameRecorder();
            p.client.onOutboundFrame(frame(Opcode.BINARY, true, Frame.RSV2, chatMessage(1)), wire);
            assertEquals(Frame.RSV1 | Frame.RSV2, wire.only().rsv());
            FrameRecorder delivered = new FrameRecorder();
            p.server.onInboundFrame(wire.only().toFrame(), delivered);
            assertEquals(Frame.RSV2, delivered.only().rsv());
        }
    }

    @Test
    void largeMessagesArePassedOnInBoundedFrames() {
        byte[] message = text(1_000_000, 9);
        try (Peers p = Peers.negotiate(COMPRESS_ALL)) {
            // Two wire frames; the second inflates to most of the message.
            Peers.Transfer t = Peers.send(p.client, p.server, Opcode.TEXT, slice(message, 0, 1000),
                    slice(message, 1000, message.length));
            assertDelivered(t, Opcode.TEXT, message);
            assertTrue(t.delivered().frames.size() >= message.length / MessageInflater.MAX_CHUNK);
            for (FrameRecorder.Recorded f : t.delivered().frames) {
                assertTrue(f.payload().length <= MessageInflater.MAX_CHUNK, "frame of " + f.payload().length);
            }
        }
    }

    /**
     * Checks what was passed on: the message's bytes, its opcode on the first frame and
     * continuations after, fin on the last frame only, RSV1 nowhere.
     */
    static void assertDelivered(Peers.Transfer t, Opcode opcode, byte[] expected) {
        FrameRecorder d = t.delivered();
        assertTrue(!d.frames.isEmpty(), "nothing delivered");
        for (int i = 0; i < d.frames.size(); i++) {
            FrameRecorder.Recorded f = d.frames.get(i);
            assertEquals(i == 0 ? opcode : Opcode.CONTINUATION, f.opcode(), "opcode of frame " + i);
            assertEquals(i == d.frames.size() - 1, f.fin(), "fin of frame " + i);
            assertEquals(0, f.rsv() & Frame.RSV1);
        }
        assertArrayEquals(expected, d.bytes());
    }

    private static int wireSize(Peers.Transfer t) {
        return t.wire().bytes().length;
    }

    static byte[] chatMessage(int i) {
        return ("{\"type\":\"message\",\"room\":\"general\",\"user\":{\"id\":" + (1000 + i) + ",\"name\":\"user"
                + i + "\"},\"text\":\"hello everyone, this is message number " + i
                + "\",\"ts\":" + (1_700_000_000_000L + i * 1234L) + "}").getBytes(UTF_8);
    }

    /** Text-like data: words from a small vocabulary, compressible but not trivially. */
    static byte[] text(int size, long seed) {
        String[] words = {"alpha", "beta", "gamma", "delta", "websocket", "frame", "deflate", "window", "json",
            "message", "context", "takeover", "{", "}", "\"id\":", "42", "\n"};
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 16);
        while (out.size() < size) {
            out.writeBytes(words[r.nextInt(words.length)].getBytes(UTF_8));
            out.write(r.nextInt(5) == 0 ? '0' + r.nextInt(10) : ' ');
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }
}
