package dev.wsf.runtime.extension.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.testing.RawDeflate;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows below 15 bits: every back-reference we send must stay within 2^bits, checked by an
 * independent decoder ({@link DeflateStreamInspector}) rather than by zlib, which cannot be told
 * a window size from Java.
 *
 * <p>To cross-check with zlib by hand, inflate a message's payload plus {@code 00 00 ff ff} with
 * Python's {@code zlib.decompressobj(-bits)} one output byte at a time
 * ({@code decompress(data, 1)}, looping on {@code unconsumed_tail}). A single
 * {@code decompress(data)} call is not a test: zlib resolves a match from the output it is
 * writing before it looks at its window, so it accepts distances of up to the whole output.
 */
class SmallWindowTest {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /** Text with short-range repeats, then a random block repeated at a long distance. */
    private static final byte[] DATA = data();

    @Test
    void theDecoderDecodesZlibAndSeesLongDistances() throws DataFormatException {
        // The control: the normal 15-bit path reaches back ~20,000 bytes for this data.
        Peers.Transfer t = sendFromServer("permessage-deflate", DATA);
        RawDeflate.Decoded r = inspect(t);
        assertArrayEquals(DATA, r.output());
        assertTrue(r.maxDistance() > 1 << 14, "max distance " + r.maxDistance());
    }

    @Test
    void theDecoderDecodesStoredFixedAndDynamicBlocks() throws DataFormatException {
        for (int level : new int[] {0, 1, 9}) {
            Deflater d = new Deflater(level, true);
            d.setInput(DATA);
            d.finish();
            byte[] out = new byte[DATA.length + 1024];
            int n = d.deflate(out);
            d.end();
            RawDeflate.Decoded r = RawDeflate.decode(Arrays.copyOf(out, n));
            assertArrayEquals(DATA, r.output(), "level " + level);
        }
        byte[] bfinalHello = FrameRecorder.hex("f3 48 cd c9 c9 07 00");
        assertArrayEquals("Hello".getBytes(), RawDeflate.decode(bfinalHello).output());
        byte[] refersToNothing = FrameRecorder.hex("f2 00 11 00 00");
        assertThrows(DataFormatException.class, () -> RawDeflate.decode(refersToNothing));
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14})
    void aServerKeepsBackReferencesWithinTheWindowItWasGiven(int bits) throws DataFormatException {
        try (Extension server = serverFor("permessage-deflate; server_max_window_bits=" + bits);
             Extension client = clientFor(server)) {
            // Each message is inspected from an empty window: the second must not lean on the first.
            for (int round = 0; round < 2; round++) {
                Peers.Transfer t = Peers.send(server, client, Opcode.BINARY, DATA);
                RoundTripTest.assertDelivered(t, Opcode.BINARY, DATA);
                RawDeflate.Decoded r = inspect(t);
                assertArrayEquals(DATA, r.output());
                assertTrue(r.maxDistance() <= 1 << bits, "distance " + r.maxDistance() + " with " + bits + " bits");
                assertTrue(r.maxDistance() > 1 << (bits - 2), "window barely used: " + r.maxDistance());
                assertTrue(t.wire().bytes().length < DATA.length, "no compression at all");
            }
        }
    }

    @ParameterizedTest(name = "client_max_window_bits={0}")
    @ValueSource(ints = {8, 11, 14})
    void aClientKeepsBackReferencesWithinTheWindowTheServerGaveIt(int bits) throws DataFormatException {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(0).build();
        ExtensionConfig response = ExtensionConfig.parse("permessage-deflate; client_max_window_bits=" + bits).get(0);
        try (Extension client = new PerMessageDeflateFactory(settings).acceptResponse(response,
                new ExtensionContext(Long.MAX_VALUE));
             Extension server = serverFor("permessage-deflate; client_max_window_bits")) {
            // Fragmented, so the limit must hold across frame boundaries too.
            Peers.Transfer t = Peers.send(client, server, Opcode.BINARY, Arrays.copyOf(DATA, 5_000),
                    Arrays.copyOfRange(DATA, 5_000, 5_100), Arrays.copyOfRange(DATA, 5_100, DATA.length));
            RoundTripTest.assertDelivered(t, Opcode.BINARY, DATA);
            RawDeflate.Decoded r = inspect(t);
            assertArrayEquals(DATA, r.output());
            assertTrue(r.maxDistance() <= 1 << bits, "distance " + r.maxDistance() + " with " + bits + " bits");
        }
    }

    @Test
    void aClientKeepsTheWindowItAnnouncedWhenTheServerIsSilent() throws DataFormatException {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(0).clientMaxWindowBits(9).build();
        try (Extension client = new PerMessageDeflateFactory(settings).acceptResponse(
                ExtensionConfig.of("permessage-deflate"), new ExtensionContext(Long.MAX_VALUE));
             Extension server = serverFor("permessage-deflate; client_max_window_bits=9")) {
            RawDeflate.Decoded r = inspect(Peers.send(client, server, Opcode.TEXT, DATA));
            assertArrayEquals(DATA, r.output());
            assertTrue(r.maxDistance() <= 1 << 9, "distance " + r.maxDistance());
        }
    }

    @Test
    void smallWindowsCostRatioButStillCompress() {
        int full = sendFromServer("permessage-deflate", DATA).wire().bytes().length;
        int nine = sendFromServer("permessage-deflate; server_max_window_bits=9", DATA).wire().bytes().length;
        assertTrue(full < nine && nine < DATA.length, "15 bits: " + full + ", 9 bits: " + nine + " of " + DATA.length);
    }

    private static Peers.Transfer sendFromServer(String offer, byte[] message) {
        try (Extension server = serverFor(offer); Extension client = clientFor(server)) {
            Peers.Transfer t = Peers.send(server, client, Opcode.BINARY, message);
            RoundTripTest.assertDelivered(t, Opcode.BINARY, message);
            return t;
        }
    }

    /** Inflates one message's wire frames from an empty window, as a fresh peer would. */
    private static RawDeflate.Decoded inspect(Peers.Transfer t) throws DataFormatException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(t.wire().bytes());
        stream.writeBytes(TAIL);
        return RawDeflate.decode(stream.toByteArray());
    }

    private static Extension serverFor(String offer) {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(0).build();
        return new PerMessageDeflateFactory(settings).acceptOffer(ExtensionConfig.parse(offer).get(0),
                new ExtensionContext(Long.MAX_VALUE)).orElseThrow();
    }

    private static Extension clientFor(Extension server) {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(0).build();
        ExtensionConfig response = ExtensionConfig.parse(server.config().toString()).get(0);
        return new PerMessageDeflateFactory(settings).acceptResponse(response,
                new ExtensionContext(Long.MAX_VALUE));
    }

    private static byte[] data() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RoundTripTest.text(30_000, 21));
        byte[] block = new byte[20_000];
        new Random(22).nextBytes(block);
        out.writeBytes(block);
        out.writeBytes(block);
        out.writeBytes(RoundTripTest.text(10_000, 23));
        return out.toByteArray();
    }
}
