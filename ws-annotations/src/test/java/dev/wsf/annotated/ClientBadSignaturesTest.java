package dev.wsf.annotated;

import static dev.wsf.annotated.BadSignaturesTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.DeploymentException;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.annotation.QueryParam;
import dev.wsf.api.endpoint.Dispatch;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ways of getting a client endpoint wrong: the rules it shares with server endpoints report
 * the same way, under {@code @ClientEndpoint}, and the rules of its own (no path or query values,
 * the right annotation) name the class, the method and the fix too.
 */
class ClientBadSignaturesTest {
    private static final String PREFIX = ClientBadSignaturesTest.class.getName() + "$";

    // ---- what a client cannot take ---------------------------------------------------------------

    @ClientEndpoint
    public static class WithPathParam {
        @OnOpen
        public void open(Session session, @PathParam("room") String room) {
        }
    }

    @Test
    void pathParamOnAClientEndpoint() {
        assertProblem(WithPathParam.class, "@OnOpen " + PREFIX + "WithPathParam#open(Session, String)",
                "parameter 2 (String) is a @PathParam, but a client endpoint has no path template to bind it to",
                "Fix: remove the annotation and pass the value to the instance, e.g. "
                        + "AnnotatedEndpoints.client(new WithPathParam(value)), or read it from Session.requestUri().");
    }

    @ClientEndpoint
    public static class WithQueryParam {
        @OnMessage
        public void message(String text, @QueryParam("user") String user) {
        }
    }

    @Test
    void queryParamOnAClientEndpoint() {
        assertProblem(WithQueryParam.class, "@OnMessage " + PREFIX + "WithQueryParam#message(String, String)",
                "parameter 2 (String) is a @QueryParam, but a client endpoint reads no request: "
                        + "the query is the one the client wrote",
                "Fix: remove the annotation and pass the value to the instance");
    }

    @ClientEndpoint
    public static class UnknownOpenParameter {
        @OnOpen
        public void open(Session session, String room) {
        }
    }

    @Test
    void theAllowedParametersNamedInTheFixAreTheClientOnes() {
        assertProblem(UnknownOpenParameter.class, "parameter 2 (String) is not something @OnOpen can supply",
                "Fix: declare only Session, Topics and HandshakeRequest parameters.");
    }

    // ---- which annotation ---------------------------------------------------------------------

    public static class NoAnnotation {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void classWithoutClientEndpoint() {
        assertProblem(NoAnnotation.class, "@ClientEndpoint " + PREFIX + "NoAnnotation: the class has no "
                + "@ClientEndpoint annotation. Fix: annotate it with @ClientEndpoint.");
    }

    @Endpoint(path = "/server")
    public static class ServerOnly {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void serverEndpointUsedAsAClient() {
        assertProblem(ServerOnly.class, "@ClientEndpoint " + PREFIX + "ServerOnly: it is an @Endpoint, which says "
                + "how to serve it but not how to act as a client",
                "Fix: also annotate it with @ClientEndpoint to connect with it.");
    }

    @ClientEndpoint
    public static class ClientOnly {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void clientEndpointDeployedOnAServer() {
        String message = assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.define(ClientOnly.class))
                .getMessage();
        assertMentions(message, "@Endpoint " + PREFIX + "ClientOnly: it is a @ClientEndpoint, which servers do not serve",
                "Fix: connect it with AnnotatedEndpoints.client(...), or also annotate it with @Endpoint(path = \"/...\") "
                        + "to serve it.");
    }

    @Test
    void serverEndpointAmongClientsToBuild() {
        String message = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpoints.builder().add(ClientOnly.class, ServerOnly.class).buildClients()).getMessage();
        assertTrue(message.startsWith("1 problem in annotated client endpoint [" + PREFIX + "ServerOnly]"), message);
    }

    @Endpoint(path = "/both")
    @ClientEndpoint(subprotocols = "both.v1")
    public static class Both {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void aClassMayCarryBothAnnotations() {
        assertEquals("/both", AnnotatedEndpoints.define(Both.class).get(0).path().template());
        assertEquals(List.of("both.v1"), AnnotatedEndpoints.client(Both.class).subprotocols());
    }

    @Test
    void anAnonymousSubclassDoesNotInheritTheAnnotation() {
        Object anonymous = new ClientOnly() {
        };
        String message = assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.client(anonymous)).getMessage();
        assertMentions(message, "its superclass " + PREFIX + "ClientOnly carries @ClientEndpoint, but annotations are "
                + "not inherited", "Fix: use a named subclass annotated with @ClientEndpoint, or the superclass itself.");
    }

    // ---- the shared rules, reported under @ClientEndpoint ------------------------------------------

    @ClientEndpoint
    public static class NoMessageParameter {
        @OnMessage
        public void message(Session session) {
        }
    }

    @Test
    void sharedRulesReportTheSameWay() {
        String message = problemsOf(NoMessageParameter.class);
        assertTrue(message.startsWith("1 problem in annotated client endpoint [" + PREFIX + "NoMessageParameter]:"),
                message);
        assertMentions(message, "@OnMessage " + PREFIX + "NoMessageParameter#message(Session): has no message parameter");
    }

    @ClientEndpoint(dispatch = Dispatch.IO_THREAD)
    public static class StreamingOnTheIoThread {
        @OnMessage
        public void message(Reader reader) {
        }
    }

    @Test
    void fixesNameTheClientAnnotation() {
        assertProblem(StreamingOnTheIoThread.class, "Fix: remove dispatch = IO_THREAD from @ClientEndpoint");
    }

    @ClientEndpoint
    public static class UnacceptedMessageType {
        @OnMessage
        public void message(BufferedReader reader) {
        }
    }

    @Test
    void unacceptedMessageTypeSuggestsTheClientsDecoders() {
        assertProblem(UnacceptedMessageType.class, "or list a decoder for it in @ClientEndpoint(decoders)");
    }

    @ClientEndpoint
    public abstract static class Abstract {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void theClassFormNeedsAClassItCanInstantiate() {
        assertProblem(Abstract.class, "@ClientEndpoint " + PREFIX + "Abstract: the class is abstract",
                "Fix: annotate a concrete class");
    }

    @ClientEndpoint
    public static class NeedsArgument {
        public NeedsArgument(String greeting) {
        }

        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void theClassFormAsksTheInstanceProviderWhileTheInstanceFormDoesNot() {
        assertProblem(NeedsArgument.class, "@ClientEndpoint " + PREFIX + "NeedsArgument: the instance provider cannot build it");
        assertEquals(NeedsArgument.class.getName(), AnnotatedEndpoints.client(new NeedsArgument("hi")).displayName());
    }

    @ClientEndpoint
    public static class NotPublic {
        @OnMessage
        void message(String text) {
        }
    }

    @Test
    void theInstanceFormIsValidatedLikeTheClassForm() {
        String message = assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.client(new NotPublic()))
                .getMessage();
        assertMentions(message, "@OnMessage " + PREFIX + "NotPublic#message(String): is not public. Fix: make it public.");
    }

    @Test
    void buildClientsReportsEveryClassTogether() {
        String message = assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.builder()
                .add(WithPathParam.class, WithQueryParam.class).buildClients()).getMessage();
        assertTrue(message.startsWith("2 problems in annotated client endpoints"), message);
        assertMentions(message, PREFIX + "WithPathParam:\n", PREFIX + "WithQueryParam:\n");
    }

    private static String problemsOf(Class<?> fixture) {
        return assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.client(fixture)).getMessage();
    }

    private static void assertProblem(Class<?> fixture, String... fragments) {
        assertMentions(problemsOf(fixture), fragments);
    }
}
