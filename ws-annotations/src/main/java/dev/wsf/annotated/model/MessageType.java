package dev.wsf.annotated.model;

/** The kinds of message an endpoint class may have one {@code @OnMessage} method for each. */
public enum MessageType {
    /** Text messages, UTF-8 on the wire. */
    TEXT,
    /** Binary messages. */
    BINARY,
    /** Pong control frames. */
    PONG;

    /**
     * The name in lower case, for error messages.
     *
     * @return {@code text}, {@code binary} or {@code pong}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
