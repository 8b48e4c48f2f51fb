package dev.wsf.samples.crc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseException;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.api.extension.ExtensionParameter;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** x-wsf-crc32's frames, without a network: what it writes, what it accepts, what it refuses. */
class Crc32ExtensionTest {
    private static final ExtensionFactory FACTORY = new Crc32ExtensionFactory();
    private static final ExtensionContext CONTEXT = new ExtensionContext(1 << 20);

    @Test
    void negotiatesTheBareTokenOnly() {
        Extension accepted = FACTORY.acceptOffer(ExtensionConfig.of("x-wsf-crc32"), CONTEXT).orElseThrow();
        assertEquals("x-wsf-crc32", accepted.config().toString());
        assertEquals(Frame.RSV2, accepted.rsvBits());
        assertTrue(FACTORY.acceptOffer(ExtensionConfig.of("x-wsf-crc32", ExtensionParameter.of("v", "2")), CONTEXT).isEmpty());
        assertEquals(List.of(ExtensionConfig.of("x-wsf-crc32")), FACTORY.offers());
        assertThrows(IllegalArgumentException.class,
                () -> FACTORY.acceptResponse(ExtensionConfig.of("x-wsf-crc32", ExtensionParameter.of("v")), CONTEXT));
    }

    @Test
    void isFoundThroughMetaInfServices() {
        assertTrue(ServiceLoader.load(ExtensionFactory.class).stream()
                .anyMatch(p -> p.type() == Crc32ExtensionFactory.class));
    }

    @Test
    void marksTheFirstFrameAndAppendsTheCrcToTheLast() {
        byte[] message = "hello, world".getBytes();
        List<Frame> sent = send(message, 5, Opcode.TEXT);
        assertEquals(3, sent.size());
        assertEquals(Frame.RSV2, sent.get(0).rsv());
        assertEquals(0, sent.get(1).rsv());
        assertEquals(0, sent.get(2).rsv());
        ByteBuffer last = sent.get(2).payload();
        CRC32 crc = new CRC32();
        crc.update(message);
        assertEquals((int) crc.getValue(), last.getInt(last.limit() - 4));
    }

    /**
     * Whatever the fragment sizes on the way out, and however the frames are cut again on the way
     * (another extension may re-fragment), the receiver gets the message back without its CRC.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 1000})
    void roundTripsWhateverTheFragmentation(int length) {
        byte[] message = new byte[length];
        new Random(length).nextBytes(message);
        for (int sentFragment : new int[] {Integer.MAX_VALUE, 1, 3, 7}) {
            List<Frame> sent = send(message, sentFragment, Opcode.BINARY);
            for (int cut : new int[] {Integer.MAX_VALUE, 1, 2, 5}) {
                List<Frame> received = receive(new Crc32Extension(), refragment(sent, cut));
                assertArrayEquals(message, concat(received), "sent in " + sentFragment + "s, cut in " + cut + "s");
                assertEquals(Opcode.BINARY, received.get(0).opcode());
                assertTrue(received.get(received.size() - 1).fin());
                assertTrue(received.stream().allMatch(f -> f.rsv() == 0), "RSV2 is consumed");
            }
        }
    }

    @Test
    void aWrongCrcFailsWith1007BeforeTheLastFrameIsPassedOn() {
        List<Frame> sent = new ArrayList<>(send("integrity".getBytes(), 4, Opcode.TEXT));
        Frame last = sent.remove(sent.size() - 1);
        ByteBuffer corrupt = copy(last.payload());
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        sent.add(last.with(last.rsv(), corrupt));
        Crc32Extension receiver = new Crc32Extension();
        List<Frame> passed = new ArrayList<>();
        for (int i = 0; i < sent.size() - 1; i++) {
            receiver.onInboundFrame(sent.get(i), passed::add);
        }
        CloseException e = assertThrows(CloseException.class,
                () -> receiver.onInboundFrame(sent.get(sent.size() - 1), passed::add));
        assertEquals(1007, e.closeCode());
        assertEquals(sent.size() - 1, passed.size(), "the message never completes");
    }

    @Test
    void refusesMessagesThatBreakTheFormat() {
        ByteBuffer fourBytes = ByteBuffer.allocate(4);
        CloseException unmarked = assertThrows(CloseException.class, () -> new Crc32Extension()
                .onInboundFrame(new Frame(Opcode.TEXT, true, 0, fourBytes), f -> { }));
        assertEquals(1002, unmarked.closeCode());

        Crc32Extension receiver = new Crc32Extension();
        receiver.onInboundFrame(new Frame(Opcode.TEXT, false, Frame.RSV2, ByteBuffer.allocate(2)), f -> { });
        CloseException markedTwice = assertThrows(CloseException.class, () -> receiver
                .onInboundFrame(new Frame(Opcode.CONTINUATION, true, Frame.RSV2, fourBytes), f -> { }));
        assertEquals(1002, markedTwice.closeCode());

        CloseException tooShort = assertThrows(CloseException.class, () -> new Crc32Extension()
                .onInboundFrame(new Frame(Opcode.BINARY, true, Frame.RSV2, ByteBuffer.allocate(3)), f -> { }));
        assertEquals(1007, tooShort.closeCode());
    }

    /** The frames the sender's extension writes for {@code message} sent in fragments of {@code size}. */
    private static List<Frame> send(byte[] message, int size, Opcode opcode) {
        Crc32Extension sender = new Crc32Extension();
        List<Frame> out = new ArrayList<>();
        int offset = 0;
        do {
            int n = Math.min(size, message.length - offset);
            boolean fin = offset + n == message.length;
            Frame frame = new Frame(offset == 0 ? opcode : Opcode.CONTINUATION, fin, 0, ByteBuffer.wrap(message, offset, n));
            sender.onOutboundFrame(frame, f -> out.add(f.with(f.rsv(), copy(f.payload()))));
            offset += n;
        } while (offset < message.length);
        return out;
    }

    /** The same message cut into frames of {@code size} bytes, keeping opcode and RSV on the first. */
    private static List<Frame> refragment(List<Frame> frames, int size) {
        byte[] all = concat(frames);
        List<Frame> out = new ArrayList<>();
        int offset = 0;
        do {
            int n = Math.min(size, all.length - offset);
            boolean first = offset == 0;
            out.add(new Frame(first ? frames.get(0).opcode() : Opcode.CONTINUATION, offset + n == all.length,
                    first ? frames.get(0).rsv() : 0, ByteBuffer.wrap(all, offset, n)));
            offset += n;
        } while (offset < all.length);
        return out;
    }

    private static List<Frame> receive(Crc32Extension receiver, List<Frame> frames) {
        List<Frame> out = new ArrayList<>();
        for (Frame frame : frames) {
            receiver.onInboundFrame(frame, f -> out.add(f.with(f.rsv(), copy(f.payload())))); // valid only during the call
        }
        return out;
    }

    private static byte[] concat(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            ByteBuffer p = f.payload().duplicate();
            byte[] bytes = new byte[p.remaining()];
            p.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
    }
}
