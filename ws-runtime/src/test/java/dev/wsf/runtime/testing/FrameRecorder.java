package dev.wsf.runtime.testing;

import dev.wsf.api.Role;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.frame.FrameParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses what a server wrote (as a client would) into readable frames: {@code "TEXT hello"},
 * {@code "BINARY 3 bytes"}, {@code "CLOSE 1002 reason"}, {@code "CLOSE (empty)"},
 * {@code "PONG 0102"}; a data frame without FIN reads {@code "TEXT... part"}.
 */
public final class FrameRecorder implements FrameListener {
    private final List<String> frames = new ArrayList<>();
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private Opcode opcode;
    private boolean fin;
    private int rsv;

    public static List<String> parse(byte[] bytes, Role readerRole) {
        FrameRecorder r = new FrameRecorder();
        FrameParser parser = new FrameParser(readerRole, Long.MAX_VALUE);
        parser.allowRsv(0b111);
        parser.parse(ByteBuffer.wrap(bytes), r);
        return r.frames;
    }

    /** Frames a server wrote. */
    public static List<String> parse(byte[] bytes) {
        return parse(bytes, Role.CLIENT);
    }

    @Override
    public void onDataFrame(Opcode opcode, boolean fin, int rsv, long length) {
        this.opcode = opcode;
        this.fin = fin;
        this.rsv = rsv;
        payload.reset();
    }

    @Override
    public void onDataPayload(ByteBuffer chunk, boolean frameEnd) {
        byte[] b = new byte[chunk.remaining()];
        chunk.get(b);
        payload.writeBytes(b);
        if (frameEnd) {
            String name = opcode.name() + (fin ? "" : "...") + (rsv != 0 ? " rsv" + rsv : "");
            byte[] p = payload.toByteArray();
            frames.add(name + " " + (opcode == Opcode.BINARY ? p.length + " bytes" : new String(p, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void onControlFrame(Opcode opcode, ByteBuffer p) {
        if (opcode == Opcode.CLOSE) {
            if (p.remaining() == 0) {
                frames.add("CLOSE (empty)");
            } else {
                int code = p.getShort() & 0xFFFF;
                frames.add(("CLOSE " + code + " " + StandardCharsets.UTF_8.decode(p)).strip());
            }
            return;
        }
        byte[] b = new byte[p.remaining()];
        p.get(b);
        frames.add(opcode.name() + " " + HexFormat.of().formatHex(b));
    }
}
