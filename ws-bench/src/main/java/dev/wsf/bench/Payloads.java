package dev.wsf.bench;

import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.frame.FrameEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic inputs for the benchmarks. */
final class Payloads {
    private Payloads() {
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** Printable ASCII, the common case for JSON and chat. */
    static byte[] ascii(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** Text mixing 1-, 2-, 3- and 4-byte characters, cut to a code point boundary near {@code size}. */
    static byte[] mixedUtf8(int size) {
        StringBuilder sb = new StringBuilder();
        while (sb.toString().getBytes(StandardCharsets.UTF_8).length < size) {
            sb.append("a\u00e9\u4e2d\ud83d\ude00 ");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        int end = Math.min(size, b.length);
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(b, end);
    }

    /** A whole client frame (masked) carrying {@code payload}. */
    static byte[] maskedFrame(Opcode opcode, byte[] payload) {
        ByteBuffer f = FrameEncoder.frame(opcode, true, 0, ByteBuffer.wrap(payload), true, 0x1A2B3C4D);
        byte[] out = new byte[f.remaining()];
        f.get(out);
        return out;
    }

    /** A chat-like JSON message of about 200 bytes. */
    static String chatJson(int i) {
        return "{\"room\":\"lobby\",\"user\":\"user-" + (i % 50) + "\",\"seq\":" + i
                + ",\"text\":\"hello everyone, this is message number " + i + " in the lobby\","
                + "\"sentAt\":\"2026-11-21T22:14:" + (10 + i % 50) + "Z\"}";
    }
}
