package dev.wsf.samples.chat;

import dev.wsf.api.CloseCode;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.annotation.QueryParam;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * One chat connection: {@code ws://host/chat/ROOM?name=ann}, speaking the {@code chat.v1}
 * subprotocol (JSON {@link ChatPost}s in, {@link ChatEvent}s out). Each session gets its own
 * instance, so the {@code user} field is this connection's; the {@link ChatRooms} are shared.
 */
@Endpoint(path = "/chat/{room}", subprotocols = ChatEndpoint.SUBPROTOCOL)
public class ChatEndpoint {
    /** The message format's name and version: a client that doesn't offer it doesn't speak it. */
    public static final String SUBPROTOCOL = "chat.v1";
    static final int MAX_NAME_LENGTH = 32;

    private final ChatRooms rooms;
    private String user;

    @Inject
    public ChatEndpoint(ChatRooms rooms) {
        this.rooms = rooms;
    }

    @OnOpen
    public void open(Session session, @PathParam("room") String room, @QueryParam("name") Optional<String> name) {
        if (session.subprotocol().isEmpty()) {
            session.close(CloseCode.POLICY_VIOLATION.code(), "offer the subprotocol " + SUBPROTOCOL);
            return;
        }
        user = name.map(String::strip)
                .filter(n -> !n.isEmpty() && n.length() <= MAX_NAME_LENGTH)
                .orElse("guest-" + session.id());
        rooms.join(room, user, session);
    }

    /** A chat line is short; anything over 4 KiB closes the session with 1009 (message too big). */
    @OnMessage(maxMessageSize = 4096)
    public void post(ChatPost post, @PathParam("room") String room) {
        if (user != null && !post.text().isBlank()) {
            rooms.say(room, user, post.text());
        }
    }

    @OnClose
    public void close(Session session, @PathParam("room") String room) {
        if (user != null) {
            rooms.leave(room, user, session);
        }
    }
}
