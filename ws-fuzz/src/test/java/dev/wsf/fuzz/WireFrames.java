package dev.wsf.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what a server wrote after its 101 and checks every frame against RFC 6455, written
 * from the RFC rather than from the runtime's {@code FrameParser}, so a bug shared by the
 * runtime's encoder and parser cannot hide itself. Any violation is an {@link AssertionError}.
 */
final class WireFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** One frame as it was on the wire; servers do not mask, so the payload is as sent. */
    record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        boolean isControl() {
            return opcode >= CLOSE;
        }
    }

    private WireFrames() {
    }

    /**
     * @param rsv1Allowed whether permessage-deflate was negotiated, the only extension here that
     *                    gives RSV1 a meaning
     */
    static List<Frame> decode(byte[] bytes, int offset, boolean rsv1Allowed) {
        List<Frame> frames = new ArrayList<>();
        boolean inMessage = false;
        int pos = offset;
        while (pos < bytes.length) {
            check(frames.isEmpty() || frames.get(frames.size() - 1).opcode() != CLOSE,
                    "a frame follows the close frame at byte " + pos);
            check(bytes.length - pos >= 2, "truncated frame header at byte " + pos);
            int b0 = bytes[pos] & 0xFF;
            int b1 = bytes[pos + 1] & 0xFF;
            pos += 2;
            boolean fin = (b0 & 0x80) != 0;
            boolean rsv1 = (b0 & 0x40) != 0;
            int opcode = b0 & 0x0F;
            check((b0 & 0x30) == 0, "RSV2 or RSV3 set: " + hex(b0));
            check((b1 & 0x80) == 0, "a server frame is masked");
            check(opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG), "reserved opcode " + opcode);
            long length = b1 & 0x7F;
            if (length == 126) {
                check(bytes.length - pos >= 2, "truncated 16-bit length");
                length = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
                pos += 2;
                check(length >= 126, "16-bit length " + length + " is not the minimal encoding");
            } else if (length == 127) {
                check(bytes.length - pos >= 8, "truncated 64-bit length");
                length = ByteBuffer.wrap(bytes, pos, 8).getLong();
                pos += 8;
                check(length >= 65536, "64-bit length " + length + " is not the minimal encoding");
            }
            check(length <= bytes.length - pos, "frame announces " + length + " bytes, "
                    + (bytes.length - pos) + " follow");
            byte[] payload = java.util.Arrays.copyOfRange(bytes, pos, pos + (int) length);
            pos += (int) length;
            Frame frame = new Frame(fin, rsv1, opcode, payload);
            if (frame.isControl()) {
                check(fin, "fragmented control frame, opcode " + opcode);
                check(length <= 125, "control frame of " + length + " bytes");
                check(!rsv1, "RSV1 on a control frame");
                if (opcode == CLOSE) {
                    checkClosePayload(payload);
                }
            } else if (opcode == CONTINUATION) {
                check(inMessage, "continuation frame outside a fragmented message");
                check(!rsv1, "RSV1 on a continuation frame");
                inMessage = !fin;
            } else {
                check(!inMessage, "new data frame inside a fragmented message");
                check(!rsv1 || rsv1Allowed, "RSV1 set without permessage-deflate");
                inMessage = !fin;
            }
            frames.add(frame);
        }
        return frames;
    }

    /** RFC 6455 section 5.5.1 and 7.4: empty, or a code that may be sent and a UTF-8 reason. */
    static void checkClosePayload(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        check(payload.length >= 2, "close frame payload of 1 byte");
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        check(isSendableCloseCode(code), "close code " + code + " may not be sent");
        check(isUtf8(payload, 2, payload.length - 2), "close reason is not UTF-8");
    }

    /** RFC 6455 section 7.4.1 and the IANA registry (1012-1014), and the 3000-4999 application range. */
    static boolean isSendableCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    static boolean isUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError("server output violates RFC 6455: " + violation);
        }
    }

    private static String hex(int b) {
        return String.format("0x%02x", b);
    }
}
