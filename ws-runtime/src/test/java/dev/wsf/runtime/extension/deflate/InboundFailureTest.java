package dev.wsf.runtime.extension.deflate;

import static dev.wsf.runtime.extension.deflate.FrameRecorder.frame;
import static dev.wsf.runtime.extension.deflate.FrameRecorder.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseException;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import dev.wsf.api.extension.Opcode;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What makes the receiving side fail the connection, and with which code. */
class InboundFailureTest {
    private static final String HELLO = "f2 48 cd c9 c9 07 00";

    @Test
    void rsv1OnAContinuationOfACompressedMessageIsAProtocolError() { // RFC 7692 section 6.1
        try (Extension e = server(1 << 20)) {
            e.onInboundFrame(frame(Opcode.TEXT, false, Frame.RSV1, hex("f2 48 cd")), new FrameRecorder());
            assertCloses(1002, () -> e.onInboundFrame(frame(Opcode.CONTINUATION, true, Frame.RSV1, hex("c9 c9 07 00")),
                    new FrameRecorder()));
        }
    }

    @Test
    void rsv1OnAContinuationOfAnUncompressedMessageIsAProtocolError() {
        try (Extension e = server(1 << 20)) {
            e.onInboundFrame(frame(Opcode.TEXT, false, 0, "plain".getBytes()), new FrameRecorder());
            assertCloses(1002, () -> e.onInboundFrame(frame(Opcode.CONTINUATION, true, Frame.RSV1, hex(HELLO)),
                    new FrameRecorder()));
        }
    }

    @Test
    void framesOutOfMessageOrderAreProtocolErrors() {
        try (Extension e = server(1 << 20)) {
            assertCloses(1002, () -> e.onInboundFrame(frame(Opcode.CONTINUATION, true, 0, new byte[0]),
                    new FrameRecorder()));
        }
        try (Extension e = server(1 << 20)) {
            e.onInboundFrame(frame(Opcode.TEXT, false, Frame.RSV1, hex("f2 48 cd")), new FrameRecorder());
            assertCloses(1002, () -> e.onInboundFrame(frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO)),
                    new FrameRecorder()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "ff ff ff ff",                      // block type 3 does not exist
        "00 05 00 00 00 48 65 6c 6c 6f",    // stored block whose NLEN is not ~LEN
        "f2 00 11 00 00",                   // refers back to a "Hello" this stream never had
        "fc ff ff ff ff ff",                // dynamic block with an impossible code
    })
    void corruptDataIsInvalidPayload(String payload) {
        try (Extension e = server(1 << 20)) {
            assertCloses(1007, () -> e.onInboundFrame(frame(Opcode.BINARY, true, Frame.RSV1, hex(payload)),
                    new FrameRecorder()));
        }
    }

    @Test
    void aMessageOfExactlyTheLimitPassesAndOneByteMoreFails() {
        byte[] data = RoundTripTest.text(100_001, 11);
        try (Extension e = server(100_000)) {
            FrameRecorder out = new FrameRecorder();
            e.onInboundFrame(frame(Opcode.TEXT, true, Frame.RSV1, compress(Arrays.copyOf(data, 100_000))), out);
            assertArrayEquals(Arrays.copyOf(data, 100_000), out.bytes());
            assertCloses(1009, () -> e.onInboundFrame(frame(Opcode.TEXT, true, Frame.RSV1, compress(data)),
                    new FrameRecorder()));
        }
    }

    @Test
    void theLimitCountsTheWholeMessageAcrossFrames() {
        byte[] data = RoundTripTest.text(90_000, 12);
        byte[] compressed = compress(data);
        int third = compressed.length / 3;
        Frame[] frames = {
            frame(Opcode.BINARY, false, Frame.RSV1, Arrays.copyOfRange(compressed, 0, third)),
            frame(Opcode.CONTINUATION, false, 0, Arrays.copyOfRange(compressed, third, 2 * third)),
            frame(Opcode.CONTINUATION, true, 0, Arrays.copyOfRange(compressed, 2 * third, compressed.length))};
        try (Extension e = server(50_000)) {
            CountingSink out = new CountingSink();
            e.onInboundFrame(frames[0], out); // about 30,000 bytes: fine on its own
            assertCloses(1009, () -> {
                e.onInboundFrame(frames[1], out);
                e.onInboundFrame(frames[2], out);
            });
            assertTrue(out.total > 0 && out.total <= 50_000, "passed on " + out.total);
        }
    }

    @Test
    void aZipBombFailsWith1009WithinBoundedMemory() {
        long limit = 1 << 20;
        byte[] bomb = compress(new byte[64 << 20]); // 64 MiB of zeros
        assertTrue(bomb.length < 128 << 10, "bomb is " + bomb.length + " bytes");
        try (Extension e = server(limit)) {
            CountingSink out = new CountingSink();
            long allocatedBefore = allocatedBytes();
            assertCloses(1009, () -> e.onInboundFrame(frame(Opcode.BINARY, true, Frame.RSV1, bomb), out));
            long allocated = allocatedBytes() - allocatedBefore;

            assertTrue(out.total <= limit, "passed on " + out.total + " bytes, over the limit");
            assertTrue(out.total > limit - MessageInflater.MAX_CHUNK, "stopped early at " + out.total);
            assertTrue(out.largest <= MessageInflater.MAX_CHUNK, "a frame of " + out.largest);
            if (allocatedBefore >= 0) {
                assertTrue(allocated < 4 << 20, "allocated " + allocated + " bytes while inflating");
            }
        }
    }

    @Test
    void aClosedExtensionRefusesWork() {
        Extension e = server(1 << 20);
        e.onInboundFrame(frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO)), new FrameRecorder());
        e.close();
        assertThrows(IllegalStateException.class,
                () -> e.onInboundFrame(frame(Opcode.TEXT, true, Frame.RSV1, hex(HELLO)), new FrameRecorder()));
        assertThrows(IllegalStateException.class,
                () -> e.onOutboundFrame(frame(Opcode.TEXT, true, 0, new byte[1000]), new FrameRecorder()));
    }

    /** Compresses a whole message the way RFC 7692 section 7.2.1 says, independently of our code. */
    static byte[] compress(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        byte[] out = new byte[data.length / 100 + 1024];
        int length = 0;
        while (true) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int n = d.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            length += n;
            if (length < out.length && d.needsInput()) {
                break;
            }
        }
        d.end();
        return Arrays.copyOf(out, length - 4); // without 00 00 ff ff
    }

    private static void assertCloses(int code, Runnable r) {
        CloseException e = assertThrows(CloseException.class, r::run);
        assertEquals(code, e.closeCode(), e.getMessage());
    }

    private static Extension server(long maxMessageSize) {
        return new PerMessageDeflateFactory().acceptOffer(ExtensionConfig.of("permessage-deflate"),
                new ExtensionContext(maxMessageSize)).orElseThrow();
    }

    /** Bytes allocated by this thread so far, or -1 where the JVM cannot tell. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    /** Counts what is passed on without keeping it. */
    private static final class CountingSink implements FrameSink {
        long total;
        int largest;

        @Override
        public void accept(Frame frame) {
            int n = frame.payload().remaining();
            total += n;
            largest = Math.max(largest, n);
        }
    }
}
