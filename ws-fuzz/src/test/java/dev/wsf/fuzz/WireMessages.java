package dev.wsf.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The messages a server's frames add up to, inflated where RSV1 says so (RFC 7692 section
 * 7.2.2: append 00 00 ff ff, inflate with the window kept across messages unless the server
 * announced server_no_context_takeover). Control frames other than close are collected apart.
 */
final class WireMessages {
    final List<EchoRecorder.Echo> messages = new ArrayList<>();
    final List<byte[]> pongs = new ArrayList<>();
    private final Inflater inflater = new Inflater(true);
    private final boolean resetPerMessage;

    private WireMessages(boolean resetPerMessage) {
        this.resetPerMessage = resetPerMessage;
    }

    /** Assembles {@code frames}, which {@link WireFrames#decode} has already checked. */
    static WireMessages of(List<WireFrames.Frame> frames, boolean serverNoContextTakeover) {
        WireMessages result = new WireMessages(serverNoContextTakeover);
        try {
            result.assemble(frames);
        } finally {
            result.inflater.end();
        }
        return result;
    }

    private void assemble(List<WireFrames.Frame> frames) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean text = false;
        boolean compressed = false;
        for (WireFrames.Frame f : frames) {
            if (f.opcode() == WireFrames.PONG) {
                pongs.add(f.payload());
            }
            if (f.isControl()) {
                continue;
            }
            if (f.opcode() != WireFrames.CONTINUATION) {
                text = f.opcode() == WireFrames.TEXT;
                compressed = f.rsv1();
                message.reset();
            }
            message.writeBytes(f.payload());
            if (f.fin()) {
                byte[] bytes = compressed ? inflate(message.toByteArray()) : message.toByteArray();
                WireFrames.check(!text || WireFrames.isUtf8(bytes, 0, bytes.length), "text message is not UTF-8");
                messages.add(new EchoRecorder.Echo(text, bytes));
            }
        }
    }

    private byte[] inflate(byte[] payload) {
        byte[] input = java.util.Arrays.copyOf(payload, payload.length + 4);
        input[payload.length + 2] = (byte) 0xFF;
        input[payload.length + 3] = (byte) 0xFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        inflater.setInput(input);
        try {
            while (true) {
                int n = inflater.inflate(buf);
                out.write(buf, 0, n);
                if (inflater.finished()) {
                    int rest = inflater.getRemaining();
                    inflater.reset();
                    // After a final block only our own 4-byte tail may be left over.
                    if (rest <= 4) {
                        break;
                    }
                    inflater.setInput(input, input.length - rest, rest);
                } else if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new AssertionError("server output violates RFC 7692: a compressed message does not inflate: "
                    + e.getMessage(), e);
        }
        if (resetPerMessage) {
            inflater.reset();
        }
        return out.toByteArray();
    }
}
