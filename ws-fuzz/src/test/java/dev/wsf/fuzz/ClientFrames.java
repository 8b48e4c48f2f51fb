package dev.wsf.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Builds client frames in the form the pipeline fuzz inputs use: masked frames with their
 * payloads in clear, which {@link ClientMasking} masks on the way to the wire. Also RFC 7692
 * compressed payloads.
 */
final class ClientFrames {
    /** Any key but zero: with a zero key the runtime skips unmasking altogether. */
    static final int KEY = 0x37FA213D;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ClientFrames start() {
        return new ClientFrames();
    }

    ClientFrames text(String s) {
        return frame(WireFrames.TEXT, true, false, s.getBytes(StandardCharsets.UTF_8));
    }

    ClientFrames binary(byte[] b) {
        return frame(WireFrames.BINARY, true, false, b);
    }

    ClientFrames close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        return frame(WireFrames.CLOSE, true, false,
                ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array());
    }

    ClientFrames frame(int opcode, boolean fin, boolean rsv1, byte[] payload) {
        return frame(opcode, fin, rsv1, payload, KEY);
    }

    /** A frame with the mask bit and {@code maskKey}, payload in clear; minimal length encoding. */
    ClientFrames frame(int opcode, boolean fin, boolean rsv1, byte[] payload, int maskKey) {
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        header(payload.length, true);
        out.writeBytes(ByteBuffer.allocate(4).putInt(maskKey).array());
        out.writeBytes(payload);
        return this;
    }

    /** A frame header only, announcing {@code length} bytes: what a peer sends before the payload. */
    ClientFrames header(int opcode, boolean fin, long length) {
        out.write((fin ? 0x80 : 0) | opcode);
        header(length, true);
        out.writeBytes(ByteBuffer.allocate(4).putInt(KEY).array());
        return this;
    }

    ClientFrames raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    private void header(long length, boolean masked) {
        int mask = masked ? 0x80 : 0;
        if (length < 126) {
            out.write(mask | (int) length);
        } else if (length < 65536) {
            out.write(mask | 126);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) length).array());
        } else {
            out.write(mask | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(length).array());
        }
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** One message compressed as RFC 7692 section 7.2.1 says: sync flush, 00 00 ff ff removed. */
    static byte[] compress(Deflater deflater, byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    static byte[] compress(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return compress(deflater, message);
        } finally {
            deflater.end();
        }
    }

    /** A message compressed into a final (BFINAL) block, which section 7.2.3.4 allows too. */
    static byte[] compressFinal(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(message);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
