package dev.wsf.samples.chat;

import java.util.List;

/**
 * What the server sends to every member of a room, as JSON, e.g.
 * {@code {"type":"message","user":"ann","text":"hi","members":["ann","bob"]}}.
 *
 * @param type    {@code join}, {@code leave} or {@code message}
 * @param user    who joined, left or wrote
 * @param text    what was written, or a notice such as "ann joined"
 * @param members who is in the room now, sorted
 */
public record ChatEvent(String type, String user, String text, List<String> members) {

    static ChatEvent joined(String user, List<String> members) {
        return new ChatEvent("join", user, user + " joined", members);
    }

    static ChatEvent left(String user, List<String> members) {
        return new ChatEvent("leave", user, user + " left", members);
    }

    static ChatEvent message(String user, String text, List<String> members) {
        return new ChatEvent("message", user, text, members);
    }
}
