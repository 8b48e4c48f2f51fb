package dev.wsf.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds frames byte by byte, including ones no correct encoder would produce. */
public final class RawFrame {
    private int b0;
    private boolean masked = true;
    private int maskKey = 0x37FA213D;
    private byte[] payload = new byte[0];
    private int lengthForm = -1; // -1: minimal; 126 or 127 to force a wider form

    public static RawFrame of(int opcode) {
        RawFrame f = new RawFrame();
        f.b0 = 0x80 | opcode;
        return f;
    }

    public static RawFrame text(String s) {
        return of(0x1).payload(s.getBytes(StandardCharsets.UTF_8));
    }

    public RawFrame fin(boolean fin) {
        b0 = fin ? b0 | 0x80 : b0 & ~0x80;
        return this;
    }

    public RawFrame rsv(int rsv) {
        b0 = (b0 & ~0x70) | (rsv << 4);
        return this;
    }

    public RawFrame unmasked() {
        masked = false;
        return this;
    }

    public RawFrame maskKey(int key) {
        maskKey = key;
        return this;
    }

    public RawFrame payload(byte[] p) {
        payload = p;
        return this;
    }

    public RawFrame lengthForm(int form) {
        lengthForm = form;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int mask = masked ? 0x80 : 0;
        long len = payload.length;
        int form = lengthForm >= 0 ? lengthForm : len < 126 ? 0 : len <= 0xFFFF ? 126 : 127;
        if (form == 0) {
            out.write(mask | (int) len);
        } else if (form == 126) {
            out.write(mask | 126);
            out.write((int) (len >> 8));
            out.write((int) len);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (len >> shift));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(maskKey >> shift);
            }
            for (int i = 0; i < body.length; i++) {
                body[i] ^= (byte) (maskKey >> (24 - 8 * (i % 4)));
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
