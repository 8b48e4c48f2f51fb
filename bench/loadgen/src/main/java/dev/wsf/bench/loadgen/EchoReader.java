package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Streaming check of the frames one connection receives: counts the messages that came back
 * exactly as sent, and fails on anything else.
 *
 * <p>A message counts when its opcode is the one sent, the server did not mask it, no RSV bit is
 * set, and its payload (across any fragments) equals the sent payload byte for byte. The payload
 * is compared in place with {@link ByteBuffer#mismatch}, a vectorised intrinsic, as bytes
 * arrive, so nothing is copied or allocated per message. Pings and pongs are skipped; a close
 * frame fails the run. Confined to the thread that reads the connection.
 */
final class EchoReader implements Echoes {

    private final int opcode;
    private final int expectedLength;
    /** This reader's own view of the shared expected payload, positioned per comparison. */
    private final ByteBuffer expected;

    private final byte[] header = new byte[14];
    private int headerHave;
    private long payloadLeft;
    private boolean inFrame;
    private boolean frameFin;
    private boolean frameIsControl;
    private int frameOpcode;
    private int closeCode = -1;
    private boolean inMessage;
    private int messageOffset;

    EchoReader(int opcode, ByteBuffer expectedPayload) {
        this.opcode = opcode;
        this.expectedLength = expectedPayload.capacity();
        this.expected = expectedPayload.duplicate();
    }

    @Override
    public int consume(ByteBuffer in) throws IOException {
        int done = 0;
        while (in.hasRemaining()) {
            if (!inFrame) {
                if (!readHeader(in)) {
                    return done;
                }
                if (payloadLeft == 0 && endFrame()) {
                    done++;
                }
                continue;
            }
            int n = (int) Math.min(payloadLeft, in.remaining());
            if (!frameIsControl) {
                compare(in, n);
                messageOffset += n;
            } else if (frameOpcode == Frames.OP_CLOSE && closeCode < 0 && n >= 2) {
                closeCode = in.getShort(in.position()) & 0xFFFF;
            }
            in.position(in.position() + n);
            payloadLeft -= n;
            if (payloadLeft == 0 && endFrame()) {
                done++;
            }
        }
        return done;
    }

    private void compare(ByteBuffer in, int n) throws IOException {
        int start = in.position();
        int limit = in.limit();
        in.limit(start + n);
        expected.limit(messageOffset + n).position(messageOffset);
        int at = in.mismatch(expected);
        in.limit(limit);
        if (at >= 0) {
            throw new IOException("echo differs from the sent payload at byte " + (messageOffset + at));
        }
    }

    /** Ends the current frame; true if it completed a message. */
    private boolean endFrame() throws IOException {
        inFrame = false;
        if (frameIsControl) {
            if (frameOpcode == Frames.OP_CLOSE) {
                throw new IOException("server sent a close frame (code " + closeCode + ")");
            }
            return false;
        }
        if (!frameFin) {
            inMessage = true;
            return false;
        }
        boolean complete = messageOffset == expectedLength;
        int got = messageOffset;
        inMessage = false;
        messageOffset = 0;
        if (!complete) {
            throw new IOException("echoed message has " + got + " bytes, sent " + expectedLength);
        }
        return true;
    }

    /** Gathers header bytes (they may be split across reads); true once the header is complete. */
    private boolean readHeader(ByteBuffer in) throws IOException {
        while (headerHave < 2) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerHave++] = in.get();
        }
        int need = headerLength(header[1]);
        while (headerHave < need) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerHave++] = in.get();
        }
        headerHave = 0;
        startFrame(need);
        return true;
    }

    private static int headerLength(byte b1) throws IOException {
        if ((b1 & Frames.MASK) != 0) {
            throw new IOException("server frame is masked");
        }
        int len7 = b1 & 0x7F;
        return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
    }

    private void startFrame(int headerLength) throws IOException {
        int b0 = header[0] & 0xFF;
        if ((b0 & 0x70) != 0) {
            throw new IOException("RSV bits set without a negotiated extension");
        }
        int op = b0 & 0x0F;
        long len = switch (headerLength) {
            case 2 -> header[1] & 0x7F;
            case 4 -> ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            default -> ByteBuffer.wrap(header, 2, 8).getLong();
        };
        frameFin = (b0 & Frames.FIN) != 0;
        frameIsControl = (op & 0x8) != 0;
        frameOpcode = op;
        closeCode = -1;
        if (!frameIsControl) {
            int want = inMessage ? Frames.OP_CONTINUATION : opcode;
            if (op != want) {
                throw new IOException("unexpected opcode " + op + ", expected " + want);
            }
            if (messageOffset + len > expectedLength) {
                throw new IOException("echoed message longer than the " + expectedLength + " bytes sent");
            }
        }
        payloadLeft = len;
        inFrame = true;
    }
}
