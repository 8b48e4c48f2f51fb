package dev.wsf.annotated;

import static dev.wsf.annotated.BadSignaturesTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.spi.SimpleInstanceProvider;
import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.CloseReason;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.auth.AuthResult;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.endpoint.EndpointDefinition;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code @Endpoint(authenticator = ...)} and {@link Principal} callback parameters, without a
 * network: how they bind, and how getting them wrong fails deployment.
 * {@code roundtrip.AuthenticationRoundTripTest} runs them on a real server.
 */
class AuthenticationModelTest {
    private static final String PREFIX = AuthenticationModelTest.class.getName() + "$";

    private static final Principal ANN = () -> "ann";

    // ---- Principal parameters -----------------------------------------------------------------

    @Endpoint(path = "/rooms/{room}")
    public static class Everywhere {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @OnOpen
        public String open(Principal user, Session session) {
            return "hello " + (user == null ? "nobody" : user.getName());
        }

        @OnMessage
        public String message(@PathParam("room") String room, String text, Principal user) {
            return user.getName() + "@" + room + ": " + text;
        }

        @OnError
        public void error(Throwable t, Principal user) {
            SEEN.add("error " + user.getName());
        }

        @OnClose
        public void close(CloseReason reason, Principal user) {
            SEEN.add("close " + user.getName());
        }
    }

    @Test
    void everyCallbackMayDeclareThePrincipal() {
        Everywhere.SEEN.clear();
        Connection c = Connection.open(Everywhere.class, FakeHandshakeRequest.to("/rooms/lobby")
                .pathParameter("room", "lobby").principal(ANN));
        c.handler().onText(c.session(), "hi");
        c.handler().onError(c.session(), new IllegalStateException("x"));
        c.handler().onClose(c.session(), new CloseReason(1000, ""));
        assertEquals(List.of("hello ann", "ann@lobby: hi"), c.session().sentText());
        assertEquals(List.of("error ann", "close ann"), Everywhere.SEEN);
    }

    @Test
    void withoutAnAuthenticatorThePrincipalIsNull() {
        Connection c = Connection.open(Everywhere.class, FakeHandshakeRequest.to("/rooms/lobby").pathParameter("room", "x"));
        assertEquals(List.of("hello nobody"), c.session().sentText());
    }

    @Endpoint(path = "/a")
    public static class OptionalPrincipal {
        @OnOpen
        public void open(Optional<Principal> user) {
        }
    }

    @Test
    void anOptionalPrincipalIsRefusedWithTheFix() {
        assertProblem(OptionalPrincipal.class, "@OnOpen " + PREFIX + "OptionalPrincipal#open(Optional<Principal>)",
                "parameter 1 (Optional<Principal>) is an Optional<Principal>",
                "Fix: declare java.security.Principal, which is null when no authenticator established one");
    }

    public record User(String getName) implements Principal {
    }

    @Endpoint(path = "/a")
    public static class NarrowPrincipal {
        @OnMessage
        public void message(String text, User user) {
        }
    }

    @Test
    void aNarrowerPrincipalTypeIsRefusedWithTheFix() {
        assertProblem(NarrowPrincipal.class, "@OnMessage " + PREFIX + "NarrowPrincipal#message(String, AuthenticationModelTest.User)",
                "parameter 2 (AuthenticationModelTest.User) is narrower than Principal",
                "Fix: declare the parameter as java.security.Principal and cast it");
    }

    @ClientEndpoint
    public static class ClientWithPrincipal {
        @OnOpen
        public void open(Principal user) {
        }
    }

    @Test
    void aClientEndpointHasNoPrincipal() {
        String message = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpoints.client(ClientWithPrincipal.class)).getMessage();
        assertMentions(message, "@OnOpen " + PREFIX + "ClientWithPrincipal#open(Principal)",
                "parameter 1 (Principal) is a Principal, but a client endpoint has none", "Fix: remove the parameter");
    }

    // ---- @Endpoint(authenticator) -------------------------------------------------------------

    /** What an authenticator asks, e.g. a remote token service. */
    public interface TokenService {
        CompletionStage<Optional<Principal>> verify(String token);
    }

    public static class TokenAuthenticator implements Authenticator {
        private final TokenService tokens;

        @Inject
        public TokenAuthenticator(TokenService tokens) {
            this.tokens = tokens;
        }

        @Override
        public CompletionStage<AuthResult> authenticate(HandshakeRequest request) {
            return tokens.verify(request.header("Authorization").orElse(""))
                    .thenApply(user -> user.map(AuthResult::accept).orElse(AuthResult.unauthorized("invalid token")));
        }
    }

    @Endpoint(path = "/account", authenticator = TokenAuthenticator.class)
    public static class Account {
        @OnMessage
        public String message(String text, Principal user) {
            return user.getName() + ": " + text;
        }
    }

    @Test
    void theAuthenticatorIsBuiltByTheInstanceProviderWithItsDependencies() {
        TokenService tokens = token -> CompletableFuture.completedFuture(
                token.equals("t-ann") ? Optional.of(ANN) : Optional.empty());
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder()
                .instanceProvider(SimpleInstanceProvider.builder().bind(TokenService.class, tokens).build())
                .add(Account.class).build());
        Authenticator authenticator = d.authenticator().orElseThrow();
        assertInstanceOf(TokenAuthenticator.class, authenticator);
        AuthResult accepted = authenticator.authenticate(FakeHandshakeRequest.to("/account").header("Authorization", "t-ann")).toCompletableFuture().join();
        assertEquals(ANN, ((AuthResult.Accepted) accepted).principal());
        AuthResult refused = authenticator.authenticate(FakeHandshakeRequest.to("/account").header("Authorization", "t-bob")).toCompletableFuture().join();
        assertEquals(401, ((AuthResult.Refused) refused).status());
        assertTrue(d.authenticator().get() == authenticator, "one instance per endpoint, built at deployment");
    }

    @Test
    void anEndpointWithoutOneLeavesItToTheServer() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(Everywhere.class));
        assertTrue(d.authenticator().isEmpty());
    }

    @Test
    void anAuthenticatorWhoseDependencyIsNotBoundFailsDeploymentNamingTheClassAndTheFix() {
        // TokenService is an interface and nothing is bound to it
        assertProblem(Account.class, "@Endpoint " + PREFIX + "Account",
                "the instance provider cannot build authenticator " + PREFIX + "TokenAuthenticator",
                TokenService.class.getName() + " is abstract or an interface, and nothing is bound to it",
                "Fix: bind an implementation with SimpleInstanceProvider.builder().bind(TokenService.class, ...)");
    }

    public static class FailingAuthenticator implements Authenticator {
        public FailingAuthenticator() {
            throw new IllegalStateException("no token key configured");
        }

        @Override
        public CompletionStage<AuthResult> authenticate(HandshakeRequest request) {
            return null;
        }
    }

    @Endpoint(path = "/failing", authenticator = FailingAuthenticator.class)
    public static class WithFailingAuthenticator {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void anAuthenticatorWhoseConstructorFailsFailsDeployment() {
        assertProblem(WithFailingAuthenticator.class, "@Endpoint " + PREFIX + "WithFailingAuthenticator",
                "creating authenticator " + PREFIX + "FailingAuthenticator failed",
                "no token key configured",
                "Fix: make its constructor succeed, or check the instance provider's bindings");
    }

    public class InnerAuthenticator implements Authenticator {
        @Override
        public CompletionStage<AuthResult> authenticate(HandshakeRequest request) {
            return null;
        }
    }

    @Endpoint(path = "/inner", authenticator = InnerAuthenticator.class)
    public static class WithInnerAuthenticator {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void anInnerAuthenticatorClassFailsDeployment() {
        assertProblem(WithInnerAuthenticator.class, "@Endpoint " + PREFIX + "WithInnerAuthenticator",
                "authenticator " + PREFIX + "InnerAuthenticator is an inner class, which needs an enclosing instance",
                "Fix: declare it static");
    }

    @Endpoint(path = "/abstract", authenticator = TokenAuthenticatorBase.class)
    public static class WithAbstractAuthenticator {
        @OnMessage
        public void message(String text) {
        }
    }

    public abstract static class TokenAuthenticatorBase implements Authenticator {
    }

    @Test
    void anAbstractAuthenticatorWithoutABindingFailsDeployment() {
        assertProblem(WithAbstractAuthenticator.class, "@Endpoint " + PREFIX + "WithAbstractAuthenticator",
                "the instance provider cannot build authenticator " + PREFIX + "TokenAuthenticatorBase",
                "is abstract or an interface, and nothing is bound to it");
    }

    private static void assertProblem(Class<?> fixture, String... fragments) {
        assertMentions(BadSignaturesTest.problemsOf(fixture), fragments);
    }
}
