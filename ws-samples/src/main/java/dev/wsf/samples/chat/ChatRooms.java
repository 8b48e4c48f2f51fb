package dev.wsf.samples.chat;

import dev.wsf.api.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.ObjectMapper;

/**
 * The rooms and who is in them, shared by every session of the server (the endpoint gets it
 * injected). Thread-safe: callbacks of different sessions run concurrently.
 *
 * <p>Broadcasting encodes an event once and queues it on each member's session. Sends never block:
 * a member that reads slowly only grows its own queue, up to the server's
 * {@code maxBufferedOutput}, after which the runtime closes it with 1008.
 */
public final class ChatRooms {
    private final ObjectMapper json;
    /** room -> (session -> user name); a room exists while it has members. */
    private final Map<String, Map<Session, String>> rooms = new ConcurrentHashMap<>();

    public ChatRooms(ObjectMapper json) {
        this.json = json;
    }

    void join(String room, String user, Session session) {
        rooms.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(session, user);
        broadcast(room, ChatEvent.joined(user, members(room)));
    }

    void leave(String room, String user, Session session) {
        // Removes the room with its last member, atomically against a concurrent join.
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
        broadcast(room, ChatEvent.left(user, members(room)));
    }

    void say(String room, String user, String text) {
        broadcast(room, ChatEvent.message(user, text, members(room)));
    }

    /** The names in a room, sorted; empty if nobody is there. */
    public List<String> members(String room) {
        return rooms.getOrDefault(room, Map.of()).values().stream().sorted().toList();
    }

    private void broadcast(String room, ChatEvent event) {
        String text = json.writeValueAsString(event);
        for (Session member : rooms.getOrDefault(room, Map.of()).keySet()) {
            member.sendText(text); // queued; fails quietly for a member that is closing
        }
    }
}
