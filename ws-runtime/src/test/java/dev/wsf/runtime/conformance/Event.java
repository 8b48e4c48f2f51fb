package dev.wsf.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Something the fuzzer observed and a case compares with what it expected: a whole message, a
 * pong, or one of the case's own timeout markers (6.4.x). Equal when kind, bytes and type match.
 */
final class Event {
    enum Kind { MESSAGE, PONG, TIMEOUT }

    final Kind kind;
    final byte[] data;
    final boolean binary;

    private Event(Kind kind, byte[] data, boolean binary) {
        this.kind = kind;
        this.data = data;
        this.binary = binary;
    }

    static Event text(byte[] utf8) {
        return new Event(Kind.MESSAGE, utf8, false);
    }

    static Event text(String s) {
        return text(s.getBytes(StandardCharsets.UTF_8));
    }

    static Event binary(byte[] data) {
        return new Event(Kind.MESSAGE, data, true);
    }

    static Event message(byte[] data, boolean binary) {
        return new Event(Kind.MESSAGE, data, binary);
    }

    static Event pong(byte[] payload) {
        return new Event(Kind.PONG, payload, false);
    }

    static Event pong(String payload) {
        return pong(payload.getBytes(StandardCharsets.UTF_8));
    }

    static Event timeout(String tag) {
        return new Event(Kind.TIMEOUT, tag.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && e.kind == kind && e.binary == binary && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MESSAGE -> (binary ? "binary(" : "text(") + brief(data) + ")";
            case PONG -> "pong(" + brief(data) + ")";
            case TIMEOUT -> "timeout(" + new String(data, StandardCharsets.UTF_8) + ")";
        };
    }

    private static String brief(byte[] b) {
        if (b.length > 32) {
            return b.length + " bytes";
        }
        boolean printable = true;
        for (byte x : b) {
            printable &= x >= 0x20 && x < 0x7f;
        }
        return printable ? "\"" + new String(b, StandardCharsets.US_ASCII) + "\"" : "0x" + HexFormat.of().formatHex(b);
    }
}
