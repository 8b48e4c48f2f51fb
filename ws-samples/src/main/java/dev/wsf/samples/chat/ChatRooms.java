package dev.wsf.samples.chat;

import dev.wsf.api.Session;
import dev.wsf.api.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.ObjectMapper;

/**
 * Who is in which room, shared by every session of the server (the endpoint gets it injected).
 * Each room is also a topic of the same name: the topic delivers the room's events, this class
 * keeps the names, the size limit, and the order of joins and leaves. Thread-safe: callbacks of
 * different sessions run concurrently.
 */
public final class ChatRooms {
    /** Members a room takes unless told otherwise ({@code -Dchat.maxMembers=N}). */
    public static final int DEFAULT_MAX_MEMBERS = 500;

    private final ObjectMapper json;
    private final int maxMembers;
    /** room -> (session -> user name); a room exists while it has members. */
    private final Map<String, Map<Session, String>> rooms = new ConcurrentHashMap<>();

    public ChatRooms(ObjectMapper json, int maxMembers) {
        if (maxMembers < 1) {
            throw new IllegalArgumentException("a room takes at least one member: " + maxMembers);
        }
        this.json = json;
        this.maxMembers = maxMembers;
    }

    public int maxMembers() {
        return maxMembers;
    }

    /**
     * Puts {@code session} in {@code room} as {@code user}, unless the room is full.
     *
     * <p>Under the room's lock, in this order: the joiner gets the names of those already there,
     * subscribes, and then everyone, the joiner included, hears that it joined. Every join and
     * leave of the room takes the same lock, so the joiner learns of each change exactly once:
     * in the list if it came before, as an event if after. The list is queued on the joiner's
     * session before it subscribes, so no event can overtake it.
     *
     * @return false if the room is full
     */
    boolean join(String room, String user, Session session, Topics topics) {
        boolean[] joined = {false};
        rooms.compute(room, (name, members) -> {
            Map<Session, String> m = members != null ? members : new HashMap<>();
            if (m.size() >= maxMembers) {
                return members;
            }
            session.sendText(json.writeValueAsString(ChatEvent.members(user, sorted(m))));
            topics.subscribe(session, name);
            m.put(session, user);
            topics.publishObject(name, ChatEvent.joined(user));
            joined[0] = true;
            return m;
        });
        return joined[0];
    }

    /** Takes {@code session} out of {@code room} and tells the others. Its topic it leaves by itself, closing. */
    void leave(String room, Session session, Topics topics) {
        rooms.computeIfPresent(room, (name, members) -> {
            String user = members.remove(session);
            if (user != null) {
                topics.publishObject(name, ChatEvent.left(user));
            }
            return members.isEmpty() ? null : members; // gone with its last member
        });
    }

    /** The names in a room now, sorted; empty if nobody is there. */
    public List<String> members(String room) {
        List<List<String>> names = new ArrayList<>(1);
        rooms.computeIfPresent(room, (name, members) -> { // read under the room's lock: joins change the map
            names.add(sorted(members));
            return members;
        });
        return names.isEmpty() ? List.of() : names.get(0);
    }

    private static List<String> sorted(Map<Session, String> members) {
        return members.values().stream().sorted().toList();
    }
}
