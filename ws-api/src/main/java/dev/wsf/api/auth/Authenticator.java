package dev.wsf.api.auth;

import dev.wsf.api.HandshakeRequest;
import java.util.concurrent.CompletionStage;

/**
 * Decides, during the opening handshake, who the client is and whether it may connect. Set one
 * server-wide ({@code ServerConfig.Builder#authenticator}) or per endpoint
 * ({@code EndpointDefinition.Builder#authenticator}, or {@code @Endpoint(authenticator = ...)});
 * the endpoint's wins.
 *
 * <p>Asynchronous: it returns at once with a stage that may complete later, on any thread, for
 * example after asking a token service or a database. The I/O thread never waits: the connection
 * is parked, reading nothing, until the answer comes. An answer later than the handshake timeout
 * refuses the connection (503); a stage that fails, or an exception thrown, is a server fault
 * (500, logged). The request is the upgrade request as received; {@link Credentials} reads the
 * places a browser can put a credential.
 *
 * <pre>{@code
 * Authenticator tokens = request -> Credentials.bearer(request)
 *         .map(token -> tokenService.verify(token)            // CompletionStage<Optional<User>>
 *                 .thenApply(user -> user.map(u -> AuthResult.accept(u.principal()))
 *                         .orElse(AuthResult.refuse(401, "invalid token"))))
 *         .orElse(CompletableFuture.completedFuture(AuthResult.refuse(401, "no token")));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Decides on one opening handshake. Called on the connection's I/O thread, so it must not
     * block: do slow work asynchronously and complete the stage later, on any thread.
     *
     * @param request the upgrade request as received: headers, query, cookies, offered subprotocols
     * @return a stage, never null, completing with the decision; a stage that completes with
     *         {@code null} or exceptionally answers 500
     */
    CompletionStage<AuthResult> authenticate(HandshakeRequest request);
}
