package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.annotation.QueryParam;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parameters in any order, and path and query values converted to their declared types. */
class ParametersTest {
    private static final String ORDER = "8c2e8a2e-6a51-4b52-9d7d-3f4f0d7b2a10";

    public enum Priority {
        LOW, HIGH
    }

    @Endpoint(path = "/shop/{shop}/orders/{order}/items/{count}/{priority}/{paid}/{total}")
    public static class Converted {
        @OnOpen
        public String open(@PathParam("count") int count, Session session, @PathParam("order") UUID order,
                           @PathParam("priority") Priority priority, @PathParam("shop") String shop,
                           @PathParam("paid") boolean paid, @PathParam("total") Long total) {
            return shop + "|" + order + "|" + count + "|" + priority + "|" + paid + "|" + total + "|" + (session != null);
        }

        @OnMessage
        public String message(@PathParam("count") long count, String text, Session session, @PathParam("shop") String shop) {
            return text + " x" + count + " at " + shop;
        }
    }

    private static FakeHandshakeRequest convertedRequest() {
        return FakeHandshakeRequest.to("/shop/corner/orders/" + ORDER + "/items/3/high/true/250")
                .pathParameter("shop", "corner").pathParameter("order", ORDER).pathParameter("count", "3")
                .pathParameter("priority", "high").pathParameter("paid", "true").pathParameter("total", "250");
    }

    @Test
    void pathParametersAreConvertedAndMayComeInAnyOrder() {
        Connection c = Connection.open(Converted.class, convertedRequest());
        c.handler().onText(c.session(), "apple");
        assertEquals(List.of("corner|" + ORDER + "|3|HIGH|true|250|true", "apple x3 at corner"), c.session().sentText());
    }

    @Test
    void pathParameterThatDoesNotConvertRejectsTheUpgradeWith404() {
        EndpointDefinition definition = Connection.single(AnnotatedEndpoints.define(Converted.class));
        FakeHandshakeRequest request = convertedRequest().pathParameter("count", "three");
        HandshakeRejectedException e = assertThrows(HandshakeRejectedException.class,
                () -> definition.handshakeInterceptor().beforeUpgrade(request, (n, v) -> { }));
        assertEquals(404, e.status());
        assertEquals("path parameter count is not a valid int: three", e.getMessage());
    }

    @Endpoint(path = "/search")
    public static class Queried {
        @OnOpen
        public String open(@QueryParam("tag") List<String> tags, @QueryParam("q") String query,
                           @QueryParam("page") Optional<String> page, @QueryParam("limit") Integer limit,
                           @QueryParam("missing") String missing, @QueryParam("absent") List<String> absent) {
            return tags + "|" + query + "|" + page + "|" + limit + "|" + missing + "|" + absent;
        }
    }

    @Test
    void queryParametersAsListOptionalAndScalars() {
        Connection c = Connection.open(Queried.class, FakeHandshakeRequest.to("/search")
                .queryParameter("tag", "a", "b").queryParameter("q", "cats", "dogs").queryParameter("limit", "10"));
        assertEquals(List.of("[a, b]|cats|Optional.empty|10|null|[]"), c.session().sentText());
    }

    @Test
    void queryParameterThatDoesNotConvertRejectsTheUpgradeWith400() {
        EndpointDefinition definition = Connection.single(AnnotatedEndpoints.define(Queried.class));
        HandshakeRejectedException e = assertThrows(HandshakeRejectedException.class, () -> definition
                .handshakeInterceptor().beforeUpgrade(FakeHandshakeRequest.to("/search").queryParameter("limit", "ten"),
                        (n, v) -> { }));
        assertEquals(400, e.status());
    }

    @Endpoint(path = "/page")
    public static class RequiredQuery {
        @OnOpen
        public String open(@QueryParam("page") int page) {
            return "page " + page;
        }
    }

    @Test
    void missingQueryParameterForAPrimitiveRejectsTheUpgrade() {
        EndpointDefinition definition = Connection.single(AnnotatedEndpoints.define(RequiredQuery.class));
        HandshakeRejectedException e = assertThrows(HandshakeRejectedException.class, () -> definition
                .handshakeInterceptor().beforeUpgrade(FakeHandshakeRequest.to("/page"), (n, v) -> { }));
        assertEquals(400, e.status());
        assertEquals("missing query parameter page", e.getMessage());
        Connection ok = Connection.open(definition, FakeHandshakeRequest.to("/page").queryParameter("page", "2"));
        assertEquals(List.of("page 2"), ok.session().sentText());
    }

    @Endpoint(path = "/rooms/{room}")
    public static class NamesFromParameters {
        @OnOpen
        public String open(@PathParam String room, @QueryParam String user) {
            return user + "@" + room;
        }
    }

    @Test
    void variableNamesDefaultToParameterNamesWhenCompiledWithParameters() {
        Connection c = Connection.open(NamesFromParameters.class,
                FakeHandshakeRequest.to("/rooms/lobby").pathParameter("room", "lobby").queryParameter("user", "ann"));
        assertEquals(List.of("ann@lobby"), c.session().sentText());
    }

    @Endpoint(path = "/lifecycle/{id}")
    public static class Lifecycle {
        static volatile String closed;

        @OnOpen
        public void open(HandshakeRequest request, Session session) {
            session.sendText(request.path());
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("id") char id, Session session, HandshakeRequest request) {
            closed = id + " " + reason + " " + request.path();
        }
    }

    @Test
    void handshakeRequestAndCloseReason() {
        FakeHandshakeRequest request = FakeHandshakeRequest.to("/lifecycle/x").pathParameter("id", "x");
        Connection c = Connection.open(Lifecycle.class, request);
        c.handler().onClose(c.session(), new CloseReason(4000, "done"));
        assertEquals(List.of("/lifecycle/x"), c.session().sentText());
        assertEquals("x 4000 done /lifecycle/x", Lifecycle.closed);
    }

    @Endpoint(path = "/same")
    public static class SessionTwice {
        static volatile Session first;
        static volatile Session second;

        @OnMessage
        public void message(Session a, String text, Session b) {
            first = a;
            second = b;
        }
    }

    @Test
    void aParameterKindMayAppearTwice() {
        Connection c = Connection.open(SessionTwice.class);
        c.handler().onText(c.session(), "x");
        assertSame(c.session(), SessionTwice.first);
        assertSame(c.session(), SessionTwice.second);
    }
}
