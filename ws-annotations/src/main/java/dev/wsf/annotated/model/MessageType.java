package dev.wsf.annotated.model;

/** The kinds of message an endpoint class may have one {@code @OnMessage} method for each. */
public enum MessageType {
    TEXT,
    BINARY,
    PONG;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
