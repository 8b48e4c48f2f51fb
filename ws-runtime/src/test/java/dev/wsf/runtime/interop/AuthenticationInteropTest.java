package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.auth.Credentials;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.PeerProcess;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Authentication as Python websockets (a client we did not write) meets it: a bearer token in
 * {@code Authorization}, the same token as a {@code token.} subprotocol (what a browser can
 * send), never chosen as the subprotocol, and a wrong token refused with 401 and a
 * {@code WWW-Authenticate} challenge. The authenticator answers later, from another thread, as
 * one calling a token service would. Needs {@code bash .ci/install-test-deps}.
 */
@Tag("interop")
class AuthenticationInteropTest {
    private static final String TOKEN = "s3cret-token";
    private static final String PRINCIPAL = "alice";

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void pythonClientPresentsItsTokenBothWaysAndAWrongOneGets401() throws Exception {
        Authenticator tokenService = request -> CompletableFuture.supplyAsync(() -> {
            String token = Credentials.bearer(request).or(() -> Credentials.subprotocolToken(request, "token."))
                    .orElse("");
            Principal alice = () -> PRINCIPAL;
            return token.equals(TOKEN) ? AuthResult.accept(alice) : AuthResult.unauthorized("unknown token");
        }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        EndpointDefinition whoami = EndpointDefinition.builder("/whoami", request -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.sendText(s.principal().map(Principal::getName).orElse("nobody"));
            }
        }).subprotocols("chat").authenticator(tokenService).build();
        server = WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0).build())
                .endpoints(List.of(whoami)).build().start();

        PeerProcess.Result result = PeerProcess.run(PeerProcess.python("ws_client.py",
                "ws://127.0.0.1:" + server.port(), "auth", "--token", TOKEN, "--principal", PRINCIPAL,
                "--timeout", "60"), 90);

        assertEquals(0, result.exitCode(), "failed steps: " + result.failures() + "\nlast: " + result.last());
        for (String step : List.of("bearer-accepted", "subprotocol-token-accepted", "token-never-chosen",
                "wrong-token-refused")) {
            assertTrue(result.lines().stream().anyMatch(l -> l.contains("\"step\":\"" + step + "\"")
                    && l.contains("\"ok\":true")), step + " missing from " + result.lines());
        }
    }
}
