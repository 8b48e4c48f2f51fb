package dev.wsf.samples.chat;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /login?name=ann} with {@code Authorization: Bearer T}: 204 if {@link ChatLogin} would
 * let ann in, else its refusal (401, {@code WWW-Authenticate}, the reason as text). A browser
 * hides the status of a refused WebSocket handshake from the page (it sees a close with 1006
 * only), so when a join fails before opening, the page asks here why, and can say "401".
 */
final class LoginCheck implements HttpHandler {
    static final String PATH = "/login";

    private final ChatLogin login;

    LoginCheck(ChatLogin login) {
        this.login = login;
    }

    @Override
    public Optional<HttpResponse> handle(HandshakeRequest request) {
        if (!request.path().equals(PATH)) {
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>(Map.of("Cache-Control", "no-store"));
        if (login.check(request) instanceof AuthResult.Refused refused) {
            headers.putAll(refused.headers());
            return Optional.of(new HttpResponse(refused.status(), "text/plain; charset=utf-8",
                    refused.reason().getBytes(StandardCharsets.UTF_8), headers));
        }
        return Optional.of(new HttpResponse(204, "", new byte[0], headers));
    }
}
