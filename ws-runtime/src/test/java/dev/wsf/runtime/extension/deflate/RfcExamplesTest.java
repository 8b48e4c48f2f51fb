package dev.wsf.runtime.extension.deflate;

import static dev.wsf.runtime.extension.deflate.FrameRecorder.frame;
import static dev.wsf.runtime.extension.deflate.FrameRecorder.hex;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The byte-exact examples of RFC 7692 section 7.2.3, both ways. */
class RfcExamplesTest {
    private static final String HELLO = "f2 48 cd c9 c9 07 00";
    private static final String HELLO_AGAIN = "f2 00 11 00 00"; // with the window of the first one

    private final Extension takeover = server("permessage-deflate");
    private final Extension noTakeover = server("permessage-deflate; server_no_context_takeover");

    @AfterEach
    void close() {
        takeover.close();
        noTakeover.close();
    }

    @Test
    void compressesHello() { // 7.2.3.1
        assertEquals(HELLO, send(takeover, "Hello"));
    }

    @Test
    void compressesHelloTwiceWithContextTakeover() { // 7.2.3.2
        assertEquals(HELLO, send(takeover, "Hello"));
        assertEquals(HELLO_AGAIN, send(takeover, "Hello"));
    }

    @Test
    void compressesHelloTwiceWithoutContextTakeover() { // 7.2.3.2, first paragraph
        assertEquals(HELLO, send(noTakeover, "Hello"));
        assertEquals(HELLO, send(noTakeover, "Hello"));
    }

    @Test
    void compressesAnEmptyMessageToOneZeroOctet() { // 7.2.3.6
        assertEquals("00", send(takeover, ""));
        assertEquals("00", send(takeover, "")); // also when the previous flush left nothing pending
    }

    @Test
    void inflatesHello() { // 7.2.3.1, unfragmented: c1 07 f2 48 cd c9 c9 07 00
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO))));
    }

    @Test
    void inflatesFragmentedHello() { // 7.2.3.1, fragmented: 41 03 f2 48 cd / 80 04 c9 c9 07 00
        assertEquals("Hello", receive(takeover,
                frame(Opcode.TEXT, false, Frame.RSV1, hex("f2 48 cd")),
                frame(Opcode.CONTINUATION, true, 0, hex("c9 c9 07 00"))));
    }

    @Test
    void inflatesHelloTwiceWithContextTakeover() { // 7.2.3.2
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO))));
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO_AGAIN))));
    }

    @Test
    void inflatesAStoredBlock() { // 7.2.3.3: DEFLATE block with no compression
        assertEquals("Hello", receive(takeover,
                frame(Opcode.TEXT, true, Frame.RSV1, hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))));
    }

    @Test
    void inflatesABlockWithBfinalSetAndCarriesOn() { // 7.2.3.4
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex("f3 48 cd c9 c9 07 00 00"))));
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO))));
    }

    @Test
    void inflatesABfinalBlockThatEndsThePayload() { // a sender that kept no trailing empty block
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex("f3 48 cd c9 c9 07 00"))));
        assertEquals("Hello", receive(takeover, frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO))));
    }

    @Test
    void inflatesTwoBlocksInOneMessage() { // 7.2.3.5
        assertEquals("Hello", receive(takeover,
                frame(Opcode.TEXT, true, Frame.RSV1, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"))));
    }

    @Test
    void inflatesAnEmptyMessage() { // 7.2.3.6
        FrameRecorder out = new FrameRecorder();
        takeover.onInboundFrame(frame(Opcode.BINARY, true, Frame.RSV1, hex("00")), out);
        FrameRecorder.Recorded only = out.only();
        assertEquals(Opcode.BINARY, only.opcode());
        assertEquals(true, only.fin());
        assertEquals(0, only.rsv());
        assertArrayEquals(new byte[0], only.payload());
    }

    /** Sends a one-frame text message (the threshold is 0) and returns its payload as hex. */
    private static String send(Extension e, String text) {
        FrameRecorder wire = new FrameRecorder();
        e.onOutboundFrame(frame(Opcode.TEXT, true, 0, text.getBytes(US_ASCII)), wire);
        FrameRecorder.Recorded f = wire.only();
        assertEquals(Frame.RSV1, f.rsv());
        assertEquals(Opcode.TEXT, f.opcode());
        return hex(f.payload());
    }

    private static String receive(Extension e, Frame... frames) {
        FrameRecorder out = new FrameRecorder();
        for (Frame f : frames) {
            e.onInboundFrame(f, out);
        }
        out.frames.forEach(f -> assertEquals(0, f.rsv()));
        assertEquals(true, out.frames.get(out.frames.size() - 1).fin());
        return new String(out.bytes(), US_ASCII);
    }

    private static Extension server(String offer) {
        DeflateSettings settings = DeflateSettings.builder().compressionThreshold(0).build();
        return new PerMessageDeflateFactory(settings)
                .acceptOffer(ExtensionConfig.parse(offer).get(0), new ExtensionContext(1 << 20))
                .orElseThrow();
    }
}
