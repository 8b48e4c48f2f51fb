package dev.wsf.runtime.frame;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.Role;
import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;

/**
 * An incremental RFC 6455 frame parser: feed it bytes as they arrive, in pieces of any size, and
 * it reports frames to a {@link FrameListener} without copying data payloads (they are unmasked
 * in place and passed on as slices of the input).
 *
 * <p>Every framing rule of section 5 is checked as soon as the bytes that break it arrive, and
 * reported as a {@link CloseException}: reserved bits no extension claimed, reserved opcodes,
 * fragmented or oversized control frames, unmasked client frames (masked server frames),
 * non-minimal or negative lengths, continuation frames outside a message and new messages inside
 * one (1002), and frames over the size limit (1009). After an error, or {@link #stop()}, further
 * input is ignored.
 *
 * <p>Confined to one thread at a time.
 */
public final class FrameParser {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private enum State { HEADER, DATA, CONTROL, STOPPED }

    private final boolean expectMasked;
    private final long maxFrameSize;
    private int allowedRsv;

    private State state = State.HEADER;
    /** Set by {@link #stop()}, which may come from another thread than the one parsing. */
    private volatile boolean stopped;
    private final byte[] header = new byte[14];
    private int headerLength;
    private int headerNeeded = 2;

    private Opcode opcode;
    private boolean fin;
    private int rsv;
    private int maskKey;
    private long remaining;
    private long payloadOffset;
    private boolean inFragmentedMessage;
    private byte[] control;
    private int controlLength;

    /**
     * @param role         the side this parser reads for: a server expects masked frames
     * @param maxFrameSize the largest data frame payload accepted
     */
    public FrameParser(Role role, long maxFrameSize) {
        this.expectMasked = role == Role.SERVER;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Allows the reserved bits that negotiated extensions give meaning to.
     *
     * @param bits an OR of {@code Frame.RSV1}, {@code RSV2} and {@code RSV3}; a frame with any
     *             other RSV bit set fails the connection with 1002
     */
    public void allowRsv(int bits) {
        this.allowedRsv = bits;
    }

    /**
     * Ignores all further input, e.g. once a close frame has been received. May be called from
     * any thread; a parse running meanwhile stops after the frame it is in.
     */
    public void stop() {
        stopped = true;
    }

    /**
     * Whether no frame and no fragmented message is under way: nothing of the peer's is held.
     *
     * @return true between messages, false inside one or once stopped
     */
    public boolean atMessageBoundary() {
        return state == State.HEADER && headerLength == 0 && !inFragmentedMessage && !stopped;
    }

    /**
     * Whether the parser ignores further input.
     *
     * @return true after {@link #stop()} or a framing error
     */
    public boolean isStopped() {
        return stopped || state == State.STOPPED;
    }

    /**
     * Consumes {@code in} from position to limit, reporting frames to {@code listener}.
     *
     * @param in the bytes read; consumed up to its limit unless the parser stops
     * @param listener receives the frames, on this thread
     * @throws CloseException when the input breaks a framing rule; the parser is then stopped
     */
    public void parse(ByteBuffer in, FrameListener listener) {
        try {
            while (in.hasRemaining() && state != State.STOPPED && !stopped) {
                switch (state) {
                    case HEADER -> readHeader(in, listener);
                    case DATA -> readData(in, listener);
                    case CONTROL -> readControl(in, listener);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (CloseException e) {
            state = State.STOPPED;
            throw e;
        }
    }

    private void readHeader(ByteBuffer in, FrameListener listener) {
        if (headerLength < 2) {
            take(in, 2);
            if (headerLength < 2) {
                return;
            }
            headerNeeded = checkFirstTwoBytes(); // fails fast, before the rest of the header arrives
        }
        take(in, headerNeeded);
        if (headerLength < headerNeeded) {
            return;
        }
        long length = payloadLength();
        maskKey = expectMasked ? readInt(headerNeeded - 4) : 0;
        headerLength = 0;
        headerNeeded = 2;
        remaining = length;
        payloadOffset = 0;
        if (opcode.isControl()) {
            state = State.CONTROL;
            controlLength = 0;
            if (length == 0) {
                state = State.HEADER;
                listener.onControlFrame(opcode, EMPTY);
            }
            return;
        }
        if (length > maxFrameSize) {
            throw new ProtocolViolationException(CloseCode.MESSAGE_TOO_BIG,
                    "frame payload of " + length + " bytes exceeds the limit of " + maxFrameSize);
        }
        inFragmentedMessage = !fin;
        state = State.DATA;
        listener.onDataFrame(opcode, fin, rsv, length);
        if (length == 0 && state == State.DATA) {
            state = State.HEADER;
            listener.onDataPayload(EMPTY, true);
        }
    }

    /** Copies header bytes from {@code in} until the header holds {@code upTo} bytes or input runs out. */
    private void take(ByteBuffer in, int upTo) {
        int n = Math.min(upTo - headerLength, in.remaining());
        in.get(header, headerLength, n);
        headerLength += n;
    }

    /** Applies the rules that the first two bytes decide; returns the full header length. */
    private int checkFirstTwoBytes() {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        rsv = (b0 >> 4) & 0x7;
        opcode = Opcode.ofCode(b0 & 0x0F);
        boolean masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7F;
        if (opcode == null) {
            throw protocolError("reserved opcode 0x" + Integer.toHexString(b0 & 0x0F));
        }
        if (opcode.isControl()) {
            if (rsv != 0) {
                throw protocolError("reserved bits set on a control frame");
            }
            if (!fin) {
                throw protocolError("fragmented control frame");
            }
            if (length7 > 125) {
                throw protocolError("control frame payload longer than 125 bytes");
            }
        } else {
            if ((rsv & ~allowedRsv) != 0) {
                throw protocolError("reserved bits set without a negotiated extension");
            }
            if (opcode == Opcode.CONTINUATION && !inFragmentedMessage) {
                throw protocolError("continuation frame without a message to continue");
            }
            if (opcode != Opcode.CONTINUATION && inFragmentedMessage) {
                throw protocolError("new data frame before the fragmented message ended");
            }
        }
        if (masked != expectMasked) {
            throw protocolError(expectMasked ? "client frame is not masked" : "server frame is masked");
        }
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + (masked ? 4 : 0);
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7F;
        if (length7 == 126) {
            int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            if (length < 126) {
                throw protocolError("payload length not minimally encoded");
            }
            return length;
        }
        if (length7 == 127) {
            long length = ((long) readInt(2) << 32) | (readInt(6) & 0xFFFFFFFFL);
            if (length < 0) {
                throw protocolError("payload length has its most significant bit set");
            }
            if (length <= 0xFFFF) {
                throw protocolError("payload length not minimally encoded");
            }
            return length;
        }
        return length7;
    }

    private int readInt(int at) {
        return ((header[at] & 0xFF) << 24) | ((header[at + 1] & 0xFF) << 16)
                | ((header[at + 2] & 0xFF) << 8) | (header[at + 3] & 0xFF);
    }

    private void readData(ByteBuffer in, FrameListener listener) {
        int n = (int) Math.min(remaining, in.remaining());
        int start = in.position();
        Masking.apply(in, start, start + n, maskKey, payloadOffset);
        ByteBuffer chunk = in.slice(start, n);
        in.position(start + n);
        remaining -= n;
        payloadOffset += n;
        boolean frameEnd = remaining == 0;
        if (frameEnd) {
            state = State.HEADER;
        }
        listener.onDataPayload(chunk, frameEnd);
    }

    private void readControl(ByteBuffer in, FrameListener listener) {
        if (control == null) {
            control = new byte[125];
        }
        int n = (int) Math.min(remaining, in.remaining());
        in.get(control, controlLength, n);
        controlLength += n;
        remaining -= n;
        if (remaining > 0) {
            return;
        }
        ByteBuffer payload = ByteBuffer.wrap(control, 0, controlLength);
        Masking.apply(payload, 0, controlLength, maskKey, 0);
        state = State.HEADER;
        listener.onControlFrame(opcode, payload);
    }

    private static CloseException protocolError(String message) {
        return new ProtocolViolationException(CloseCode.PROTOCOL_ERROR, message);
    }

    @Override
    public String toString() {
        return "FrameParser[" + state + ", opcode=" + opcode + ", remaining=" + remaining
                + ", inFragmentedMessage=" + inFragmentedMessage + "]";
    }
}
