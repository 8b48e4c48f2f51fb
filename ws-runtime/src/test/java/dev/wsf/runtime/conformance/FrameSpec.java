package dev.wsf.runtime.conformance;

import java.nio.charset.StandardCharsets;

/**
 * One frame as a case describes it: any opcode and RSV bits, a payload (optionally repeated up to
 * a length), and how its octets go on the wire: in one write, as a write of their own followed by
 * a pause ("sync", Autobahn's frame-wise chops), or in chops of a few octets with a pause after
 * each. The fuzzer always masks, with a fresh key.
 */
final class FrameSpec {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    final int opcode;
    byte[] payload = new byte[0];
    boolean fin = true;
    int rsv;
    int repeatTo = -1;
    int chop;
    boolean sync;

    private FrameSpec(int opcode) {
        this.opcode = opcode;
    }

    static FrameSpec of(int opcode) {
        return new FrameSpec(opcode);
    }

    FrameSpec payload(byte[] p) {
        payload = p;
        return this;
    }

    FrameSpec payload(String utf8) {
        return payload(utf8.getBytes(StandardCharsets.UTF_8));
    }

    FrameSpec fin(boolean f) {
        fin = f;
        return this;
    }

    FrameSpec rsv(int bits) {
        rsv = bits;
        return this;
    }

    /** Repeats the payload until it is exactly this long (Autobahn's {@code payload_len}). */
    FrameSpec repeatTo(int length) {
        repeatTo = length;
        return this;
    }

    /** Writes the frame's octets in pieces of this size, pausing after each. */
    FrameSpec chop(int size) {
        chop = size;
        return this;
    }

    /** Writes the frame on its own and pauses after it. */
    FrameSpec sync() {
        sync = true;
        return this;
    }

    /** The payload as sent: repeated to {@link #repeatTo(int)} when that was given. */
    byte[] effectivePayload() {
        if (repeatTo < 0) {
            return payload;
        }
        byte[] out = new byte[repeatTo];
        if (payload.length > 0) {
            for (int i = 0; i < repeatTo; i += payload.length) {
                System.arraycopy(payload, 0, out, i, Math.min(payload.length, repeatTo - i));
            }
        }
        return out;
    }
}
