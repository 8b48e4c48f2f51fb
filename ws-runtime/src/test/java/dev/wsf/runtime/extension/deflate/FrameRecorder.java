package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import dev.wsf.api.extension.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps a copy of every frame, since inbound buffers are reused after the call. */
final class FrameRecorder implements FrameSink {

    /** A frame with its payload copied out. */
    record Recorded(Opcode opcode, boolean fin, int rsv, byte[] payload) {
        Frame toFrame() {
            return new Frame(opcode, fin, rsv, ByteBuffer.wrap(payload.clone()));
        }
    }

    final List<Recorded> frames = new ArrayList<>();

    @Override
    public void accept(Frame frame) {
        ByteBuffer p = frame.payload();
        byte[] copy = new byte[p.remaining()];
        p.duplicate().get(copy);
        frames.add(new Recorded(frame.opcode(), frame.fin(), frame.rsv(), copy));
    }

    /** All payloads, concatenated. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.payload()));
        return out.toByteArray();
    }

    Recorded only() {
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames.size());
        }
        return frames.get(0);
    }

    void clear() {
        frames.clear();
    }

    static Frame frame(Opcode opcode, boolean fin, int rsv, byte[] payload) {
        return new Frame(opcode, fin, rsv, ByteBuffer.wrap(payload));
    }

    static byte[] hex(String hex) {
        String s = hex.replace(" ", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
