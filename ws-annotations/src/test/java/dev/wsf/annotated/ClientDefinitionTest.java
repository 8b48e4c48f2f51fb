package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wsf.annotated.spi.SimpleInstanceProvider;
import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What {@code @ClientEndpoint} puts into a client's definition, and where its instances come from. */
class ClientDefinitionTest {

    /** Records which instance served a session, and what it was told. */
    static Object instanceOf(Connection c) {
        c.handler().onText(c.session(), "who");
        return c.session().userProperties().get("instance");
    }

    @ClientEndpoint(subprotocols = {"chat.v2", "chat.v1"})
    public static class Defaults {
        @OnMessage
        public void message(String text, Session session) {
            session.userProperties().put("instance", this);
        }
    }

    @Test
    void defaults() {
        EndpointDefinition d = AnnotatedEndpoints.client(Defaults.class);
        assertEquals(List.of("chat.v2", "chat.v1"), d.subprotocols(), "offered in this order");
        assertEquals(Dispatch.WORKER, d.dispatch(), "callbacks may block by default");
        assertEquals(Delivery.WHOLE, d.textDelivery());
        assertEquals(Delivery.WHOLE, d.binaryDelivery());
        assertEquals(OptionalLong.empty(), d.maxTextMessageSize(), "the client's limit");
        assertEquals(OptionalLong.empty(), d.maxBinaryMessageSize(), "the client's limit");
        assertEquals(Defaults.class.getName(), d.displayName());
    }

    @ClientEndpoint(dispatch = Dispatch.IO_THREAD, maxTextMessageSize = 1000, maxBinaryMessageSize = 2000)
    public static class Tuned {
        @OnMessage(maxMessageSize = 500)
        public void message(String text) {
        }

        @OnMessage
        public void message(ByteBuffer bytes, boolean last) {
        }
    }

    @Test
    void dispatchLimitsAndDelivery() {
        EndpointDefinition d = AnnotatedEndpoints.client(Tuned.class);
        assertEquals(Dispatch.IO_THREAD, d.dispatch());
        assertEquals(OptionalLong.of(500), d.maxTextMessageSize(), "the method's limit wins");
        assertEquals(OptionalLong.of(2000), d.maxBinaryMessageSize());
        assertEquals(Delivery.WHOLE, d.textDelivery());
        assertEquals(Delivery.PARTIAL, d.binaryDelivery());
    }

    @Test
    void theClassFormMakesAnInstancePerConnection() {
        EndpointDefinition d = AnnotatedEndpoints.client(Defaults.class);
        assertNotSame(instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))),
                instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))));
    }

    @Singleton
    @ClientEndpoint
    public static class Shared extends Defaults {
    }

    @Test
    void aSingletonClassIsSharedByTheConnectionsOfItsDefinition() {
        EndpointDefinition d = AnnotatedEndpoints.client(Shared.class);
        assertSame(instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))),
                instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))));
    }

    @Test
    void theInstanceFormUsesTheGivenInstance() {
        Defaults mine = new Defaults();
        EndpointDefinition d = AnnotatedEndpoints.client(mine);
        assertSame(mine, instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))));
        assertSame(mine, instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))), "every connection of it");
    }

    @Test
    void aClassPassedAsAnObjectIsTheClassForm() {
        Object type = Defaults.class;
        EndpointDefinition d = AnnotatedEndpoints.client(type);
        assertEquals(Defaults.class, instanceOf(Connection.open(d, FakeHandshakeRequest.to("/"))).getClass());
    }

    @Test
    void theInstanceFormAcceptsClassesTheProviderCouldNotBuild() {
        // A local class: the class form rejects it, having no way to instantiate it.
        @ClientEndpoint
        class Local {
            private final String greeting;

            Local(String greeting) {
                this.greeting = greeting;
            }

            @OnOpen
            public String open() {
                return greeting;
            }
        }
        Connection c = Connection.open(AnnotatedEndpoints.client(new Local("hi")), FakeHandshakeRequest.to("/"));
        assertEquals(List.of("hi"), c.session().sentText());
    }

    // ---- instance provisioning -------------------------------------------------------------------

    public static class Greeter {
        String greet(String name) {
            return "hello " + name;
        }
    }

    public record Name(String value) {
    }

    public static class NameDecoder implements TextDecoder<Name> {
        private final Greeter greeter;

        @Inject
        public NameDecoder(Greeter greeter) {
            this.greeter = greeter;
        }

        @Override
        public Name decode(String text) {
            return new Name(greeter.greet(text));
        }
    }

    @ClientEndpoint(decoders = NameDecoder.class)
    public static class Injected {
        @Inject
        Greeter greeter;

        @OnMessage
        public String message(Name name) {
            return name.value() + (greeter == null ? " (not injected)" : " (injected)");
        }
    }

    @Test
    void theClassFormIsInjectedByTheInstanceProvider() {
        EndpointDefinition d = AnnotatedEndpoints.builder()
                .instanceProvider(SimpleInstanceProvider.builder().bind(Greeter.class, new Greeter()).build())
                .client(Injected.class);
        Connection c = Connection.open(d, FakeHandshakeRequest.to("/"));
        c.handler().onText(c.session(), "ann");
        assertEquals(List.of("hello ann (injected)"), c.session().sentText());
    }

    @Test
    void theInstanceFormIsUsedAsBuiltWhileItsCodecsAreStillProvided() {
        Injected mine = new Injected();
        Connection c = Connection.open(AnnotatedEndpoints.client(mine), FakeHandshakeRequest.to("/"));
        c.handler().onText(c.session(), "ann");
        assertEquals(List.of("hello ann (not injected)"), c.session().sentText());
        assertNull(mine.greeter);
    }

    // ---- the request the client sent --------------------------------------------------------------

    @ClientEndpoint
    public static class ReadsItsRequest {
        @OnOpen
        public String open(HandshakeRequest request) {
            return request.requestUri().toString();
        }
    }

    @Test
    void aHandshakeRequestParameterReceivesTheRequestSent() {
        Connection c = Connection.open(AnnotatedEndpoints.client(ReadsItsRequest.class),
                FakeHandshakeRequest.to("/feed"));
        assertEquals(List.of("ws://127.0.0.1:8080/feed"), c.session().sentText());
    }

    // ---- several classes at once -------------------------------------------------------------------

    @Test
    void buildClientsDefinesEveryAddedClassByClass() {
        Map<Class<?>, EndpointDefinition> all = AnnotatedEndpoints.builder().add(Tuned.class, Defaults.class)
                .buildClients();
        assertEquals(List.of(Tuned.class, Defaults.class), List.copyOf(all.keySet()));
        assertEquals(Dispatch.IO_THREAD, all.get(Tuned.class).dispatch());
    }
}
