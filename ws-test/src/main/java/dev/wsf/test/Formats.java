package dev.wsf.test;

import dev.wsf.api.CloseReason;
import java.time.Duration;
import java.util.List;

/** How failure messages show durations, payloads, close reasons and the events received. */
final class Formats {
    private static final int MAX_TEXT = 200;
    private static final int MAX_BYTES = 32;
    private static final int MAX_EVENTS = 20;

    private Formats() {
    }

    /** {@code 5 s}, {@code 1.5 s} or {@code 200 ms}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis / 1000.0 + " s";
    }

    /** The text in double quotes, shortened past 200 characters. */
    static String quoted(String text) {
        if (text.length() <= MAX_TEXT) {
            return '"' + text + '"';
        }
        return '"' + text.substring(0, MAX_TEXT) + "\"... (" + text.length() + " chars)";
    }

    /** {@code 3 bytes [01 02 ff]}, the first 32 bytes in hex. */
    static String bytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder().append(bytes.length).append(bytes.length == 1 ? " byte [" : " bytes [");
        for (int i = 0; i < Math.min(bytes.length, MAX_BYTES); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.append(bytes.length > MAX_BYTES ? " ...]" : "]").toString();
    }

    /** {@code 1008 'bad input'}, or {@code 1000 (no reason)}. */
    static String closeReason(CloseReason reason) {
        return reason.code() + (reason.reason().isEmpty() ? " (no reason)" : " '" + reason.reason() + "'");
    }

    /** {@code received so far: [text "a", close 1000 (no reason)]}, the last 20 events. */
    static String receivedSoFar(List<Event> events) {
        if (events.isEmpty()) {
            return "received so far: nothing";
        }
        int skipped = Math.max(0, events.size() - MAX_EVENTS);
        return "received so far: " + (skipped > 0 ? "(" + skipped + " earlier) " : "")
                + events.subList(skipped, events.size());
    }
}
