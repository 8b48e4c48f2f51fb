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

    /** 1000 (normal closure) without a reason phrase; what {@link Session#close()} sends. */
    public static final CloseReason NORMAL = new CloseReason(1000, "");
    /** 1001 (going away) without a reason phrase, e.g. for an application that is shutting down. */
    public static final CloseReason GOING_AWAY = new CloseReason(1001, "");
    /**
     * 1005 (no status received): how a peer's close frame without a payload is reported. It may
     * not be sent; the runtime answers such a frame with an empty close frame.
     */
    public static final CloseReason NO_STATUS = new CloseReason(1005, "");

    /**
     * Checks the code and the reason's length.
     *
     * @param code   the status code, 1000-4999
     * @param reason the reason phrase, at most {@value #MAX_REASON_BYTES} bytes in UTF-8; empty
     *               for none
     * @throws NullPointerException     if {@code reason} is null
     * @throws IllegalArgumentException if {@code code} is outside 1000-4999 or {@code reason} is
     *                                  longer than {@value #MAX_REASON_BYTES} UTF-8 bytes
     */
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

    /**
     * A close reason with a registered code.
     *
     * @param code   the status code
     * @param reason the reason phrase, at most {@value #MAX_REASON_BYTES} bytes in UTF-8; empty
     *               for none
     * @throws NullPointerException     if {@code code} or {@code reason} is null
     * @throws IllegalArgumentException if {@code reason} is longer than
     *                                  {@value #MAX_REASON_BYTES} UTF-8 bytes
     */
    public CloseReason(CloseCode code, String reason) {
        this(code.code(), reason);
    }

    /**
     * The registered code, if {@link #code()} is one of RFC 6455's.
     *
     * @return the constant for a code in 1000-1015; empty for an application code (3000-4999) or
     *         an unassigned one
     */
    public Optional<CloseCode> knownCode() {
        return CloseCode.of(code);
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
