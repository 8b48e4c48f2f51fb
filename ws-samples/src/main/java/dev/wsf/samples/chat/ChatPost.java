package dev.wsf.samples.chat;

import java.util.Objects;

/**
 * What a client sends: {@code {"text":"hello"}}. Read from JSON by the annotation layer; a
 * message that is not such JSON closes the session with 1007 (invalid payload data).
 *
 * @param text what the user typed
 */
public record ChatPost(String text) {
    public ChatPost {
        Objects.requireNonNull(text, "text"); // {} is not a post: also a 1007
    }
}
