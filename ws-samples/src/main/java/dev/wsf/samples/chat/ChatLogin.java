package dev.wsf.samples.chat;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.auth.Credentials;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Who is joining a room: the name in the query ({@code ?name=ann}) and a token the
 * {@link ChatAccounts} accept for it. A browser cannot put an {@code Authorization} header on a
 * WebSocket, so the page offers the token as a second subprotocol,
 * {@code new WebSocket(url, ["chat.v1", "token.T"])}: unlike a query parameter it lands in no
 * access log, proxy log or browser history, and unlike a cookie it needs no login request and no
 * server-side session. The endpoint chooses {@code chat.v1}, never the token. Other clients may
 * send {@code Authorization: Bearer T} instead.
 *
 * <p>Accepted, the session's principal is a {@link ChatUser} of that name; refused, the client
 * gets 401 with {@code WWW-Authenticate: Bearer} and a reason that says what was wrong.
 */
public final class ChatLogin implements Authenticator {
    /** What precedes the token in the offered subprotocol. */
    public static final String TOKEN_PREFIX = "token.";
    static final int MAX_NAME_LENGTH = 32;

    private final ChatAccounts accounts;

    @Inject
    public ChatLogin(ChatAccounts accounts) {
        this.accounts = accounts;
    }

    /** The signed-in chat user: a name, checked at the handshake. */
    public record ChatUser(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    @Override
    public CompletionStage<AuthResult> authenticate(HandshakeRequest request) {
        return CompletableFuture.completedFuture(check(request)); // in memory: quick enough for the I/O thread
    }

    /** The decision, also for {@link LoginCheck}, which explains a refusal to the page. */
    AuthResult check(HandshakeRequest request) {
        Optional<String> name = Credentials.queryParameter(request, "name").map(String::strip)
                .filter(n -> !n.isEmpty() && n.length() <= MAX_NAME_LENGTH);
        Optional<String> token = Credentials.subprotocolToken(request, TOKEN_PREFIX)
                .or(() -> Credentials.bearer(request));
        if (name.isEmpty() || token.isEmpty()) {
            return AuthResult.unauthorized("a name of 1 to " + MAX_NAME_LENGTH + " characters and a token, please");
        }
        if (!accounts.admits(name.get(), token.get())) {
            return AuthResult.unauthorized("that name and token do not match");
        }
        return AuthResult.accept(new ChatUser(name.get()));
    }
}
