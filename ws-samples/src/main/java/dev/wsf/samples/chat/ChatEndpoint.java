package dev.wsf.samples.chat;

import dev.wsf.api.CloseCode;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.Topics;
import jakarta.inject.Inject;
import java.security.Principal;

/**
 * One chat connection: {@code ws://host/chat/ROOM?name=ann}, speaking the {@code chat.v1}
 * subprotocol (JSON {@link ChatPost}s in, {@link ChatEvent}s out). {@link ChatLogin} lets in only
 * a name with its token (else 401, before any of this runs), and the room knows the member by
 * the principal's name. Each session gets its own instance, so the {@code user} field is this
 * connection's; the {@link ChatRooms} are shared.
 * Each room is a topic: a line goes to it with one publish, encoded once for every member.
 */
@Endpoint(path = "/chat/{room}", subprotocols = ChatEndpoint.SUBPROTOCOL, authenticator = ChatLogin.class)
public class ChatEndpoint {
    /** The message format's name and version: a client that doesn't offer it doesn't speak it. */
    public static final String SUBPROTOCOL = "chat.v1";
    static final int MAX_ROOM_LENGTH = 64;

    private final ChatRooms rooms;
    private String user;

    @Inject
    public ChatEndpoint(ChatRooms rooms) {
        this.rooms = rooms;
    }

    @OnOpen
    public void open(Session session, Topics topics, @PathParam("room") String room,
                     Principal principal) {
        if (session.subprotocol().isEmpty()) {
            session.close(CloseCode.POLICY_VIOLATION.code(), "offer the subprotocol " + SUBPROTOCOL);
            return;
        }
        if (room.isEmpty() || room.length() > MAX_ROOM_LENGTH) {
            session.close(CloseCode.POLICY_VIOLATION.code(), "a room name has 1 to " + MAX_ROOM_LENGTH + " characters");
            return;
        }
        String joining = principal.getName();
        if (!rooms.join(room, joining, session, topics)) {
            // 1013 (try again later) rather than 1008: the client broke no rule, the room may have
            // space later. Browsers show the code and reason; the page prints both.
            session.close(CloseCode.TRY_AGAIN_LATER.code(), "room full (" + rooms.maxMembers() + " members), try later");
            return;
        }
        user = joining;
    }

    /**
     * A line goes to the room; {@code who} is answered to this session alone. A chat line is
     * short: anything over 4 KiB closes the session with 1009 (message too big).
     */
    @OnMessage(maxMessageSize = 4096)
    public ChatEvent post(ChatPost post, Topics topics, @PathParam("room") String room) {
        if (user == null) {
            return null; // turned away in open(), closing
        }
        if (post.isWho()) {
            return ChatEvent.members(user, rooms.members(room));
        }
        if (!post.text().isBlank()) {
            topics.publishObject(room, ChatEvent.message(user, post.text()));
        }
        return null;
    }

    @OnClose
    public void close(Session session, Topics topics, @PathParam("room") String room) {
        rooms.leave(room, session, topics);
    }
}
