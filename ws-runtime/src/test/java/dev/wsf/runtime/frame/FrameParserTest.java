package dev.wsf.runtime.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseException;
import dev.wsf.api.Role;
import dev.wsf.runtime.testing.RawFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {
    private static final long LIMIT = 1 << 20;

    private static List<String> parseWhole(byte[] bytes) {
        RecordingListener l = new RecordingListener();
        new FrameParser(Role.SERVER, LIMIT).parse(ByteBuffer.wrap(bytes.clone()), l); // unmasks in place
        return l.events;
    }

    /** Feeds every split of the input into two reads, and one byte at a time: same result. */
    private static List<String> parseEverySplit(byte[] bytes) {
        List<String> whole = parseWhole(bytes);
        for (int cut = 0; cut <= bytes.length; cut++) {
            RecordingListener l = new RecordingListener();
            FrameParser p = new FrameParser(Role.SERVER, LIMIT);
            p.parse(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 0, cut)), l);
            p.parse(ByteBuffer.wrap(Arrays.copyOfRange(bytes, cut, bytes.length)), l);
            assertEquals(whole, l.events, "split at " + cut);
        }
        RecordingListener l = new RecordingListener();
        FrameParser p = new FrameParser(Role.SERVER, LIMIT);
        for (byte b : bytes) {
            p.parse(ByteBuffer.wrap(new byte[] {b}), l);
        }
        assertEquals(whole, l.events, "byte at a time");
        return whole;
    }

    private static CloseException failure(byte[] bytes) {
        return assertThrows(CloseException.class, () -> parseWhole(bytes));
    }

    @Test
    void rfcExampleMaskedHello() {
        // RFC 6455 section 5.7: a single-frame masked text message containing "Hello".
        byte[] frame = HexFormat.of().parseHex("818537fa213d7f9f4d5158");
        assertEquals(List.of("TEXT fin len=5 48656c6c6f"), parseEverySplit(frame));
    }

    @Test
    void sevenSixteenAndSixtyFourBitLengths() {
        for (int len : new int[] {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
            byte[] payload = new byte[len];
            Arrays.fill(payload, (byte) 'x');
            List<String> events = parseWhole(RawFrame.of(0x2).payload(payload).bytes());
            assertEquals(1, events.size());
            assertTrue(events.get(0).startsWith("BINARY fin len=" + len + " "), events.get(0));
        }
        // byte-at-a-time through each length form
        parseEverySplit(RawFrame.of(0x2).payload(new byte[126]).bytes());
        parseEverySplit(RawFrame.of(0x2).payload(new byte[300]).lengthForm(126).bytes());
    }

    @Test
    void sixtyFourBitLengthSplitEverywhere() {
        byte[] payload = new byte[65536 + 3];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        byte[] frame = RawFrame.of(0x2).payload(payload).bytes();
        RecordingListener l = new RecordingListener();
        FrameParser p = new FrameParser(Role.SERVER, LIMIT);
        for (int i = 0; i < frame.length; i += 7) {
            p.parse(ByteBuffer.wrap(Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 7))), l);
        }
        assertEquals(parseWhole(frame), l.events, "mask offsets must carry across reads");
    }

    @Test
    void fragmentsWithControlFramesInBetween() {
        byte[] bytes = RawFrame.concat(
                RawFrame.text("Hel").fin(false).bytes(),
                RawFrame.of(0x9).payload(new byte[] {1, 2}).bytes(),
                RawFrame.of(0x0).fin(false).payload("l".getBytes()).bytes(),
                RawFrame.of(0xA).bytes(),
                RawFrame.of(0x0).payload("o".getBytes()).bytes());
        assertEquals(List.of("TEXT len=3 48656c", "PING 0102", "CONTINUATION len=1 6c", "PONG ",
                "CONTINUATION fin len=1 6f"), parseEverySplit(bytes));
    }

    @Test
    void emptyFramesAndZeroMask() {
        assertEquals(List.of("TEXT fin len=0 ", "CLOSE "),
                parseEverySplit(RawFrame.concat(RawFrame.of(0x1).bytes(), RawFrame.of(0x8).maskKey(0).bytes())));
    }

    @Test
    void maximumControlPayload() {
        assertEquals(1, parseWhole(RawFrame.of(0x9).payload(new byte[125]).bytes()).size());
    }

    // Autobahn 2.5: a ping with 126 bytes of payload.
    @Test
    void controlFrameOver125Bytes() {
        CloseException e = failure(RawFrame.of(0x9).payload(new byte[126]).bytes());
        assertEquals(1002, e.closeCode());
        assertEquals("control frame payload longer than 125 bytes", e.getMessage());
    }

    // Autobahn 5.1, 5.2: fragmented ping and pong.
    @ParameterizedTest
    @ValueSource(ints = {0x8, 0x9, 0xA})
    void fragmentedControlFrames(int opcode) {
        assertEquals("fragmented control frame", failure(RawFrame.of(opcode).fin(false).bytes()).getMessage());
    }

    // Autobahn 3.1-3.7: reserved bits without an extension.
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void reservedBits(int rsv) {
        assertEquals(1002, failure(RawFrame.text("x").rsv(rsv).bytes()).closeCode());
        assertEquals(1002, failure(RawFrame.of(0x9).rsv(rsv).bytes()).closeCode());
    }

    @Test
    void reservedBitsClaimedByAnExtension() {
        FrameParser p = new FrameParser(Role.SERVER, LIMIT);
        p.allowRsv(0b100);
        RecordingListener l = new RecordingListener();
        p.parse(ByteBuffer.wrap(RawFrame.text("x").rsv(4).bytes()), l);
        assertEquals(List.of("TEXT fin rsv=4 len=1 78"), l.events);
        assertThrows(CloseException.class, () -> p.parse(ByteBuffer.wrap(RawFrame.text("x").rsv(2).bytes()), l));
        assertThrows(CloseException.class, () -> new FrameParser(Role.SERVER, LIMIT)
                .parse(ByteBuffer.wrap(RawFrame.of(0x9).rsv(4).bytes()), l), "control frames never carry RSV");
    }

    // Autobahn 4.1.x and 4.2.x: reserved opcodes.
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodes(int opcode) {
        CloseException e = failure(RawFrame.of(opcode).bytes());
        assertEquals(1002, e.closeCode());
        assertTrue(e.getMessage().startsWith("reserved opcode"));
    }

    // Autobahn 5.9-5.14: continuation with nothing to continue.
    @Test
    void continuationWithoutStart() {
        assertEquals("continuation frame without a message to continue",
                failure(RawFrame.of(0x0).payload("x".getBytes()).bytes()).getMessage());
    }

    // Autobahn 5.18: a new message while a fragmented one is in progress.
    @Test
    void newMessageInsideFragmentedMessage() {
        byte[] bytes = RawFrame.concat(RawFrame.text("a").fin(false).bytes(), RawFrame.text("b").bytes());
        assertEquals("new data frame before the fragmented message ended", failure(bytes).getMessage());
    }

    @Test
    void clientFramesMustBeMasked() {
        assertEquals("client frame is not masked", failure(RawFrame.text("x").unmasked().bytes()).getMessage());
    }

    @Test
    void serverFramesMustNotBeMasked() {
        FrameParser client = new FrameParser(Role.CLIENT, LIMIT);
        RecordingListener l = new RecordingListener();
        client.parse(ByteBuffer.wrap(RawFrame.text("ok").unmasked().bytes()), l);
        assertEquals(List.of("TEXT fin len=2 6f6b"), l.events);
        CloseException e = assertThrows(CloseException.class,
                () -> client.parse(ByteBuffer.wrap(RawFrame.text("x").bytes()), l));
        assertEquals("server frame is masked", e.getMessage());
    }

    @Test
    void lengthsMustBeMinimal() {
        assertEquals("payload length not minimally encoded",
                failure(RawFrame.text("x").lengthForm(126).bytes()).getMessage());
        assertEquals("payload length not minimally encoded",
                failure(RawFrame.of(0x2).payload(new byte[200]).lengthForm(127).bytes()).getMessage());
    }

    @Test
    void sixtyFourBitLengthWithMostSignificantBitSet() {
        byte[] header = HexFormat.of().parseHex("82ff8000000000000000" + "00000000");
        assertEquals("payload length has its most significant bit set", failure(header).getMessage());
    }

    @Test
    void oversizedFrameFailsBeforeItsPayloadArrives() {
        byte[] header = Arrays.copyOf(RawFrame.of(0x2).payload(new byte[(int) LIMIT + 1]).bytes(), 14);
        CloseException e = failure(header);
        assertEquals(1009, e.closeCode());
    }

    @Test
    void stopsAfterErrorAndOnRequest() {
        FrameParser p = new FrameParser(Role.SERVER, LIMIT);
        RecordingListener l = new RecordingListener();
        assertThrows(CloseException.class, () -> p.parse(ByteBuffer.wrap(RawFrame.of(0x3).bytes()), l));
        p.parse(ByteBuffer.wrap(RawFrame.text("ignored").bytes()), l);
        assertEquals(List.of(), l.events);

        FrameParser q = new FrameParser(Role.SERVER, LIMIT);
        RecordingListener recorder = new RecordingListener();
        FrameListener stopOnClose = new FrameListener() {
            public void onDataFrame(dev.wsf.api.extension.Opcode o, boolean fin, int rsv, long len) {
                recorder.onDataFrame(o, fin, rsv, len);
            }
            public void onDataPayload(ByteBuffer chunk, boolean end) {
                recorder.onDataPayload(chunk, end);
            }
            public void onControlFrame(dev.wsf.api.extension.Opcode o, ByteBuffer payload) {
                recorder.onControlFrame(o, payload);
                q.stop();
            }
        };
        q.parse(ByteBuffer.wrap(RawFrame.concat(RawFrame.of(0x8).bytes(), RawFrame.text("after").bytes())), stopOnClose);
        assertEquals(List.of("CLOSE "), recorder.events);
        assertTrue(q.isStopped());
    }
}
