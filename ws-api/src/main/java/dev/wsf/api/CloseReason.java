package dev.wsf.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A close status code with its (possibly empty) reason phrase.
 *
 * <p>The code must lie in 1000-4999. Codes that may not be sent on the wire (1005, 1006, 1015)
 * are allowed here because they are how the runtime reports a close that carried no status or
 * never happened; {@link Session#close(CloseReason)} rejects them. The reason must fit in a
 * control frame: at most 123 bytes once encoded as UTF-8.
 *
 * @param code   the status code
 * @param reason the reason phrase, never null
 *
 * @since 0.1
 */
public record CloseReason(int code, String reason) {

    /** The longest reason phrase, in UTF-8 bytes, that fits in a close frame (125 - 2). */
    public static final int MAX_REASON_BYTES = 123;

    public static final CloseReason NORMAL = new CloseReason(1000, "");
    public static final CloseReason GOING_AWAY = new CloseReason(1001, "");
    public static final CloseReason NO_STATUS = new CloseReason(1005, "");

    public CloseReason {
        Objects.requireNonNull(reason, "reason");
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code must be in 1000-4999: " + code);
        }
        if (reason.length() > MAX_REASON_BYTES / 3
                && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException(
                    "close reason is longer than " + MAX_REASON_BYTES + " UTF-8 bytes: " + reason);
        }
    }

    public CloseReason(CloseCode code, String reason) {
        this(code.code(), reason);
    }

    /** The registered code, if {@link #code()} is one of RFC 6455's. */
    public Optional<CloseCode> knownCode() {
        return CloseCode.of(code);
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
