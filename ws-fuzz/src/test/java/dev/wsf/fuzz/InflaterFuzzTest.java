package dev.wsf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsf.api.CloseException;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionParameter;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes permessage-deflate's inbound side through the public SPI only: the factory accepts an
 * offer, then the extension gets data frames with fuzzed payloads, RSV1 and all.
 * <pre>
 *   byte 0      bits 0-1: which offer is accepted ({@link #OFFERS});
 *               bits 2-4: the message limit ({@link #LIMITS})
 *   then frames, each: a flags byte (bit 7 FIN, bit 6 RSV1, bits 0-1 opcode: 0 continuation,
 *               1 text, 2 or 3 binary), a length byte (255: a 2-byte length follows), the payload
 *               (cut short by the end of the input)
 * </pre>
 * Properties: only {@link CloseException} with 1002, 1007 or 1009 comes out; the frames passed on
 * form messages (the first frame keeps the opcode, the others are continuations, only the last one
 * of a final input frame has FIN, and none has RSV1); no message inflates past the limit; no
 * frame passed on exceeds 64 KiB, as {@link PerMessageDeflateFactory} documents; a message that was
 * not compressed passes unchanged.
 */
class InflaterFuzzTest {
    static final List<ExtensionConfig> OFFERS = List.of(
            ExtensionConfig.of("permessage-deflate"),
            ExtensionConfig.of("permessage-deflate", ExtensionParameter.of("client_no_context_takeover")),
            ExtensionConfig.of("permessage-deflate", ExtensionParameter.of("server_no_context_takeover"),
                    ExtensionParameter.of("client_max_window_bits", "9")),
            ExtensionConfig.of("permessage-deflate", ExtensionParameter.of("client_max_window_bits")));
    static final long[] LIMITS = {0, 1, 100, 1024, 65535, 65536, 65537, 4L * 1024 * 1024};
    private static final Set<Integer> EXPECTED_CODES = Set.of(1002, 1007, 1009);
    private static final int MAX_FRAME_OUT = 64 * 1024;
    private static final PerMessageDeflateFactory FACTORY = new PerMessageDeflateFactory();

    @FuzzTest
    void inflatedFrames(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ExtensionConfig offer = OFFERS.get(input[0] & 3);
        long limit = LIMITS[(input[0] >>> 2) & 7];
        Extension extension = FACTORY.acceptOffer(offer, new ExtensionContext(limit))
                .orElseThrow(() -> new AssertionError("a legal offer was declined: " + offer));
        try (extension) {
            feed(extension, input, limit);
        }
    }

    private static void feed(Extension extension, byte[] input, long limit) {
        Output output = new Output(limit);
        int pos = 1;
        while (pos + 2 <= input.length) {
            int flags = input[pos++] & 0xFF;
            int length = input[pos++] & 0xFF;
            if (length == 255 && pos + 2 <= input.length) {
                length = ((input[pos] & 0xFF) << 8) | (input[pos + 1] & 0xFF);
                pos += 2;
            }
            length = Math.min(length, input.length - pos);
            boolean fin = (flags & 0x80) != 0;
            int rsv = (flags & 0x40) != 0 ? Frame.RSV1 : 0;
            Opcode opcode = switch (flags & 3) {
                case 0 -> Opcode.CONTINUATION;
                case 1 -> Opcode.TEXT;
                default -> Opcode.BINARY;
            };
            ByteBuffer payload = ByteBuffer.wrap(input, pos, length).slice();
            pos += length;
            Frame frame = new Frame(opcode, fin, rsv, payload);
            try {
                output.expect(frame);
                extension.onInboundFrame(frame, output::accept);
            } catch (CloseException e) {
                if (!EXPECTED_CODES.contains(e.closeCode())) {
                    throw new AssertionError("closed with " + e.closeCode() + ", expected 1002, 1007 or 1009", e);
                }
                return; // the connection fails here: nothing more is read
            }
            output.frameDone();
        }
    }

    /** Checks the frames the extension passes on as they come. */
    private static final class Output {
        private final long limit;
        private Frame in;             // the input frame being processed
        private boolean inMessage;    // output: a message has started and not ended
        private long messageSize;
        private boolean finSeen;      // output: the input frame's message ended
        private ByteBuffer plain;     // the input payload, when its message was not compressed
        private boolean compressed;
        private Opcode messageOpcode; // of the input message

        Output(long limit) {
            this.limit = limit;
        }

        void expect(Frame frame) {
            in = frame;
            finSeen = false;
            if (frame.isFirst()) {
                compressed = (frame.rsv() & Frame.RSV1) != 0;
                messageOpcode = frame.opcode();
            }
            plain = compressed ? null : frame.payload().duplicate();
        }

        void accept(Frame out) {
            check(!finSeen, "a frame passed on after the one that ended the message");
            check((out.rsv() & Frame.RSV1) == 0, "RSV1 passed on");
            check(out.payload().remaining() <= MAX_FRAME_OUT, "a frame of " + out.payload().remaining() + " bytes");
            if (inMessage) {
                check(out.opcode() == Opcode.CONTINUATION, "a message's later frame is " + out.opcode());
            } else {
                check(out.opcode() == messageOpcode, "a " + messageOpcode + " message passed on as " + out.opcode());
                messageSize = 0;
            }
            messageSize += out.payload().remaining();
            check(!compressed || messageSize <= limit, "a message inflated to " + messageSize
                    + " bytes, over the limit of " + limit);
            if (plain != null) {
                check(out.payload().equals(plain), "an uncompressed frame was changed");
            }
            if (out.fin()) {
                check(in.fin(), "FIN passed on for an input frame without FIN");
                finSeen = true;
            }
            inMessage = !out.fin();
        }

        void frameDone() {
            check(finSeen == in.fin(), in.fin() ? "a final frame ended no message" : "unexpected FIN");
        }

        private static void check(boolean condition, String violation) {
            if (!condition) {
                throw new AssertionError(violation);
            }
        }
    }
}
