package dev.wsf.samples.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the server sends, as JSON. Members follow a room from one list and the changes after it,
 * so no message grows with the room but that list:
 * <ul>
 * <li>{@code {"type":"members","user":"ann","members":["bob","cy"]}}: to one member only. On
 *     joining, who was in the room before {@code user} came (its own {@code join} follows); in
 *     answer to {@code {"command":"who"}}, who is in it now.</li>
 * <li>{@code {"type":"join","user":"ann","text":"ann joined"}} and
 *     {@code {"type":"leave","user":"ann","text":"ann left"}}: to everyone in the room, the joiner
 *     included.</li>
 * <li>{@code {"type":"message","user":"ann","text":"hi"}}: to everyone in the room, the writer
 *     included.</li>
 * </ul>
 * A field that does not apply is left out.
 *
 * @param type    {@code members}, {@code join}, {@code leave} or {@code message}
 * @param user    who joined, left or wrote; for {@code members}, the member it is sent to
 * @param text    what was written, or a notice such as "ann joined"
 * @param members for {@code members} only: names, sorted (a name appears once per session using it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(String type, String user, String text, List<String> members) {

    static ChatEvent members(String user, List<String> members) {
        return new ChatEvent("members", user, null, members);
    }

    static ChatEvent joined(String user) {
        return new ChatEvent("join", user, user + " joined", null);
    }

    static ChatEvent left(String user) {
        return new ChatEvent("leave", user, user + " left", null);
    }

    static ChatEvent message(String user, String text) {
        return new ChatEvent("message", user, text, null);
    }
}
