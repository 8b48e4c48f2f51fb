package dev.wsf.samples.chat;

/**
 * What a client sends: a line, {@code {"text":"hello"}}, or a command, {@code {"command":"who"}}
 * (which answers with the room's members). Read from JSON by the annotation layer; a message that
 * is not one of the two closes the session with 1007 (invalid payload data).
 *
 * @param text    what the user typed, or null for a command
 * @param command {@code who}, or null for a line
 */
public record ChatPost(String text, String command) {
    /** The one command. */
    static final String WHO = "who";

    public ChatPost {
        if ((text == null) == (command == null)) { // {} is not a post, nor is one with both
            throw new IllegalArgumentException("a post has either a text or a command");
        }
        if (command != null && !command.equals(WHO)) {
            throw new IllegalArgumentException("unknown command: " + command);
        }
    }

    boolean isWho() {
        return command != null;
    }
}
