package dev.wsf.annotated.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.annotated.spi.SimpleInstanceProvider;
import dev.wsf.annotated.testing.LogCapture;
import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.auth.Credentials;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The front door of annotated endpoints on the real runtime, with the JDK's WebSocket client:
 * an {@code @Endpoint(authenticator)} built with an injected token service that answers
 * asynchronously, {@link Principal} parameters, the server-wide authenticator, and refusals and
 * undecodable messages answered without internals and logged at DEBUG.
 */
@Timeout(60)
class FrontDoorRoundTripTest {
    private static WebSocketServer server;
    private static WebSocketServer guarded;

    /** A token service that answers later, on another thread, as a remote one would. */
    public static final class Tokens {
        public CompletionStage<Optional<Principal>> verify(String token) {
            return CompletableFuture.supplyAsync(() -> token.startsWith("t-")
                    ? Optional.of((Principal) new User(token.substring(2))) : Optional.empty(),
                    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        }
    }

    public record User(String getName) implements Principal {
    }

    public static final class BearerTokens implements Authenticator {
        private final Tokens tokens;

        @Inject
        public BearerTokens(Tokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public CompletionStage<AuthResult> authenticate(HandshakeRequest request) {
            return Credentials.bearer(request)
                    .map(token -> tokens.verify(token).thenApply(user -> user.map(AuthResult::accept)
                            .orElse(AuthResult.unauthorized("invalid token"))))
                    .orElse(CompletableFuture.completedFuture(AuthResult.unauthorized("no token")));
        }
    }

    @Endpoint(path = "/account", authenticator = BearerTokens.class)
    public static class Account {
        static final List<String> CLOSED = new CopyOnWriteArrayList<>();

        @OnOpen
        public String open(Principal user) {
            return "hello " + user.getName();
        }

        @OnMessage
        public String message(Principal user, String text) {
            return user.getName() + ": " + text;
        }

        @OnClose
        public void close(CloseReason reason, Principal user) {
            CLOSED.add(user.getName() + " " + reason.code());
        }
    }

    @Endpoint(path = "/open")
    public static class Open {
        @OnOpen
        public String open(Principal user) {
            return "principal " + (user == null ? "none" : user.getName());
        }
    }

    public record Order(String item, int quantity) {
    }

    @Endpoint(path = "/num/{n}")
    public static class Numbers {
        @OnMessage
        public String order(@PathParam("n") int n, Order order) {
            return n + " " + order.item();
        }
    }

    @BeforeAll
    static void start() {
        var endpoints = AnnotatedEndpoints.builder()
                .instanceProvider(SimpleInstanceProvider.builder().bind(Tokens.class, new Tokens()).build())
                .add(Account.class, Open.class, Numbers.class)
                .build();
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build())
                .endpoints(endpoints)
                .build()
                .start();
        Authenticator everyone = request -> CompletableFuture.completedFuture(AuthResult.accept(new User("server-wide")));
        guarded = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).authenticator(everyone).build())
                .endpoints(endpoints)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        guarded.stop();
    }

    private static URI uri(WebSocketServer s, String path) {
        return URI.create("ws://127.0.0.1:" + s.port() + path);
    }

    private static JdkClient connect(WebSocketServer s, String path, String authorization) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return JdkClient.connect(uri(s, path), builder);
    }

    private static int refusedWith(WebSocketServer s, String path, String authorization) {
        CompletionException e = assertThrows(CompletionException.class, () -> connect(s, path, authorization));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    @Test
    void aValidTokenGetsInAndEveryCallbackKnowsWho() throws Exception {
        Account.CLOSED.clear();
        try (JdkClient ann = connect(server, "/account", "Bearer t-ann")) {
            assertEquals("hello ann", ann.nextText());
            ann.send("hi");
            assertEquals("ann: hi", ann.nextText());
            ann.socket.sendClose(1000, "bye").join();
            assertEquals(1000, ann.nextClose().code());
        }
        Eventually.until(Duration.ofSeconds(5), () -> Account.CLOSED.contains("ann 1000"), Account.CLOSED::toString);
    }

    @Test
    void noTokenOrABadOneIsRefusedWith401() {
        assertEquals(401, refusedWith(server, "/account", null));
        assertEquals(401, refusedWith(server, "/account", "Bearer nope"));
        assertEquals(401, refusedWith(server, "/account", "Basic YW5uOnB3"));
    }

    @Test
    void withoutAnyAuthenticatorThePrincipalIsNull() throws Exception {
        try (JdkClient client = connect(server, "/open", null)) {
            assertEquals("principal none", client.nextText());
        }
    }

    @Test
    void theServerWideAuthenticatorCoversEndpointsWithoutTheirOwnAndTheEndpointsOwnWins() throws Exception {
        try (JdkClient client = connect(guarded, "/open", null)) {
            assertEquals("principal server-wide", client.nextText());
        }
        assertEquals(401, refusedWith(guarded, "/account", null), "the endpoint's own authenticator decides");
        try (JdkClient bo = connect(guarded, "/account", "Bearer t-bo")) {
            assertEquals("hello bo", bo.nextText());
        }
    }

    @Test
    void aPathValueThatDoesNotConvertIs404AndLoggedAtDebugWithTheReason() throws Exception {
        try (LogCapture log = LogCapture.under("dev.wsf.runtime.server")) {
            assertEquals(404, refusedWith(server, "/num/abc", null));
            Eventually.until(Duration.ofSeconds(5), () -> !log.messages(Level.FINE).isEmpty(), () -> log.messages().toString());
            String line = log.messages(Level.FINE).get(0);
            assertTrue(line.contains("404") && line.contains("GET /num/abc")
                    && line.contains("path parameter n is not a valid int"), line);
        }
        try (JdkClient client = connect(server, "/num/7", null)) {
            client.send("{\"item\":\"tea\",\"quantity\":1}");
            assertEquals("7 tea", client.nextText());
        }
    }

    @Test
    void aMessageThatIsNotJsonClosesWith1007NamingOnlyTheRule() throws Exception {
        try (LogCapture log = LogCapture.under("dev.wsf.annotated");
             JdkClient client = connect(server, "/num/1", null)) {
            client.send("{\"item\":\"tea\",\"quantity\":1,\"colour\":\"red\"}");
            assertEquals(new JdkClient.Closed(1007, "unknown property \"colour\""), client.nextClose());
            Eventually.until(Duration.ofSeconds(5), () -> !log.messages(Level.FINE).isEmpty(), () -> log.messages().toString());
            assertTrue(log.messages(Level.FINE).get(0).contains(Order.class.getName()), log.messages().toString());
        }
    }
}
