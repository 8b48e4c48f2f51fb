package dev.wsf.runtime.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.auth.Credentials;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.RawClient;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Authenticating at the handshake, asynchronously, with real clients. */
class AuthenticationTest {
    private static final Executor LATER = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
    private WebSocketServer server;
    private final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private record User(String getName) implements Principal {
    }

    /** Accepts "Bearer good" 200 ms later, on another thread; refuses everything else with 401. */
    private static final Authenticator SLOW_TOKENS = request -> CompletableFuture.supplyAsync(() ->
            Credentials.bearer(request)
                    .filter("good"::equals)
                    .map(t -> AuthResult.accept(new User("ann"), Map.of("role", "admin")))
                    .orElse(AuthResult.unauthorized("invalid or missing token")), LATER);

    private void start(ServerConfig.Builder config, Authenticator endpointAuthenticator) {
        EndpointDefinition.Builder echo = EndpointDefinition.builder("/echo", r -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                opened.add(s);
            }

            @Override
            public void onText(Session s, String message) {
                s.sendText(s.principal().map(Principal::getName).orElse("?") + ": " + message);
            }
        }).dispatch(Dispatch.IO_THREAD);
        if (endpointAuthenticator != null) {
            echo.authenticator(endpointAuthenticator);
        }
        server = WebSocketServer.builder().config(config.host("127.0.0.1").port(0).build()).endpoint(echo.build())
                .build().start();
    }

    @Test
    void anAuthenticatorAnsweringLaterOnAnotherThreadLetsTheClientInWithItsIdentity() throws Exception {
        start(ServerConfig.builder().authenticator(SLOW_TOKENS), null);
        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer good"))) {
            client.send("hi");
            assertEquals("ann: hi", client.nextText());
            Session s = opened.poll(5, TimeUnit.SECONDS);
            assertEquals("ann", s.principal().orElseThrow().getName());
            assertEquals("admin", s.userProperties().get("role"));
        }
    }

    @Test
    void aRefusalGetsItsStatusAndHeaders() throws Exception {
        start(ServerConfig.builder().authenticator(SLOW_TOKENS), null);
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(UpgradeRequestBuilder.to("/echo").header("Authorization", "Bearer bad").bytes());
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 401 "), head);
            assertTrue(head.contains("WWW-Authenticate: Bearer"), head);
        }
    }

    @Test
    void theEndpointsAuthenticatorWinsOverTheServers() throws Exception {
        Authenticator everyone = request -> CompletableFuture.completedFuture(AuthResult.accept(new User("guest")));
        start(ServerConfig.builder().authenticator(SLOW_TOKENS), everyone);
        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
            client.send("hi");
            assertEquals("guest: hi", client.nextText());
        }
    }

    @Test
    void framesSentRightBehindTheRequestWaitForTheAnswer() throws Exception {
        start(ServerConfig.builder().authenticator(SLOW_TOKENS), null);
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(RawFrame.concat(UpgradeRequestBuilder.to("/echo").header("Authorization", "Bearer good").bytes(),
                    RawFrame.text("early").bytes()));
            assertTrue(raw.readHead().startsWith("HTTP/1.1 101 "));
            raw.write(RawFrame.of(0x8).payload(new byte[] {0x03, (byte) 0xe8}).bytes());
            assertEquals(List.of("TEXT ann: early", "CLOSE 1000"), raw.readFramesUntilClosed());
        }
    }

    @Test
    void anAnswerLaterThanTheHandshakeTimeoutIs503() throws Exception {
        Authenticator never = request -> new CompletableFuture<>();
        start(ServerConfig.builder().authenticator(never).handshakeTimeout(Duration.ofMillis(300)), null);
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(UpgradeRequestBuilder.to("/echo").bytes());
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 503 ") && head.contains("Retry-After:"), head);
        }
    }

    @Test
    void aFailingAuthenticatorIs500() throws Exception {
        Authenticator broken = request -> CompletableFuture.failedFuture(new IllegalStateException("token service down"));
        start(ServerConfig.builder().authenticator(broken), null);
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(UpgradeRequestBuilder.to("/echo").bytes());
            String head = raw.readHead();
            assertTrue(head.startsWith("HTTP/1.1 500 "), head);
            String body = new String(raw.readUntilClosed(), StandardCharsets.UTF_8);
            assertTrue(!body.contains("token service"), "internals stay on the server: " + body);
        }
    }

    @Test
    void anAuthenticatorReturningNoStageIs500AndTheServerGoesOn() throws Exception {
        Authenticator broken = request -> null;
        start(ServerConfig.builder().authenticator(broken), null);
        for (int i = 0; i < 2; i++) {
            try (RawClient raw = new RawClient(server.port())) {
                raw.write(UpgradeRequestBuilder.to("/echo").bytes());
                String head = raw.readHead();
                assertTrue(head.startsWith("HTTP/1.1 500 "), head);
            }
        }
    }

    @Test
    void anExpiredCredentialClosesTheSessionWith1008() throws Exception {
        Authenticator shortLived = request -> CompletableFuture.completedFuture(
                AuthResult.accept(new User("ann"), Map.of(), Instant.now().plusMillis(300)));
        start(ServerConfig.builder().authenticator(shortLived).idleTimeout(Duration.ofSeconds(30)), null);
        try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
            JdkClient.Closed closed = client.nextClose();
            assertEquals(1008, closed.code());
            assertEquals("credential expired", closed.reason());
        }
    }
}
