package dev.wsf.runtime.testing;

import dev.wsf.api.Role;
import dev.wsf.api.extension.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads what a server wrote (as a client would) into readable frames: {@code "TEXT hello"},
 * {@code "BINARY 3 bytes"}, {@code "CLOSE 1002 reason"}, {@code "CLOSE (empty)"},
 * {@code "PONG 0102"}; a frame without FIN reads {@code "TEXT... part"}, one with reserved bits
 * {@code "TEXT rsv4 ..."}. The bytes are decoded by {@link WireFrame}, not by the engine's parser,
 * and must end where a frame ends; a frame whose mask bit is wrong for the writer fails.
 */
public final class FrameRecorder {

    private FrameRecorder() {
    }

    /** Frames written to a reader in {@code readerRole}: a server reads masked frames, a client unmasked. */
    public static List<String> parse(byte[] bytes, Role readerRole) {
        boolean expectMasked = readerRole == Role.SERVER;
        List<String> frames = new ArrayList<>();
        for (WireFrame f : WireFrame.decodeAll(bytes)) {
            if (f.masked() != expectMasked) {
                throw new AssertionError("frame " + frames.size() + " is " + (f.masked() ? "" : "not ")
                        + "masked, wrong for a " + readerRole + " to read: " + f + " after " + frames);
            }
            frames.add(render(f));
        }
        return frames;
    }

    /** Frames a server wrote. */
    public static List<String> parse(byte[] bytes) {
        return parse(bytes, Role.CLIENT);
    }

    private static String render(WireFrame f) {
        Opcode opcode = Opcode.ofCode(f.opcode());
        if (opcode == null) {
            throw new AssertionError("reserved opcode 0x" + Integer.toHexString(f.opcode()) + ": " + f);
        }
        String name = opcode.name() + (f.fin() ? "" : "...") + (f.rsv() != 0 ? " rsv" + f.rsv() : "");
        byte[] p = f.payload();
        if (opcode == Opcode.CLOSE) {
            if (p.length == 0) {
                return name + " (empty)";
            }
            if (p.length == 1) {
                throw new AssertionError("close frame with a 1-byte payload: " + f);
            }
            int code = ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
            return (name + " " + code + " " + new String(p, 2, p.length - 2, StandardCharsets.UTF_8)).strip();
        }
        if (opcode.isControl()) {
            return name + " " + HexFormat.of().formatHex(p);
        }
        return name + " " + (opcode == Opcode.BINARY ? p.length + " bytes" : new String(p, StandardCharsets.UTF_8));
    }
}
