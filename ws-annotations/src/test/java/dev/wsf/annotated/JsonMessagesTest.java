package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.codec.JsonCodec;
import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.annotated.testing.LogCapture;
import dev.wsf.api.CloseReason;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.codec.DecodeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JSON messages: strict by default, lenient on request, and a close reason that names the rule a
 * message broke but never a Java class or the parser's own text (those are logged at DEBUG).
 */
class JsonMessagesTest {

    public record Order(String item, int quantity, Optional<String> note) {
        public Order {
            if (quantity < 0) {
                throw new IllegalArgumentException("secret internal detail");
            }
        }
    }

    public record Basket(List<Order> orders) {
    }

    @Endpoint(path = "/orders")
    public static class Orders {
        @OnMessage
        public String order(Order order) {
            return order.item() + " x" + order.quantity() + order.note().map(n -> " (" + n + ")").orElse("");
        }
    }

    @Endpoint(path = "/baskets")
    public static class Baskets {
        @OnMessage
        public int basket(Basket basket) {
            return basket.orders().size();
        }
    }

    /** A type Jackson cannot build at all: a server fault, not the client's. */
    public static final class Unreadable {
        private Unreadable(String only) {
        }
    }

    @Endpoint(path = "/unreadable")
    public static class UnreadableEndpoint {
        public final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @OnMessage
        public void message(Unreadable value) {
        }
    }

    @Endpoint(path = "/handled")
    public static class Handled {
        static final List<Throwable> ERRORS = new CopyOnWriteArrayList<>();

        @OnMessage
        public void order(Order order) {
        }

        @OnError
        public void error(Throwable t) {
            ERRORS.add(t);
        }
    }

    private static Connection open(Class<?> type, JsonCodec json) {
        return Connection.open(Connection.single(AnnotatedEndpoints.builder().json(json).add(type).build()),
                FakeHandshakeRequest.to("/"));
    }

    @Test
    void aCompleteMessageIsRead() {
        Connection c = Connection.open(Orders.class);
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":2,\"note\":\"hot\"}");
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":3}");
        assertEquals(List.of("tea x2 (hot)", "tea x3"), c.session().sentText(),
                "a missing Optional or reference component is empty, not an error");
        assertTrue(c.session().isOpen());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '\'', value = {
        "{not json -> malformed JSON",
        "'{\"item\":\"tea\",\"quantity\":1} trailing' -> malformed JSON",
        "'{\"item\":\"tea\",\"quantity\":1,\"colour\":\"red\"}' -> unknown property \"colour\"",
        "'{\"item\":\"tea\"}' -> missing or invalid value at \"quantity\"",
        "'{\"item\":\"tea\",\"quantity\":null}' -> missing or invalid value at \"quantity\"",
        "'{\"item\":\"tea\",\"quantity\":1.5}' -> missing or invalid value at \"quantity\"",
        "'{\"item\":\"tea\",\"quantity\":\"many\"}' -> missing or invalid value at \"quantity\"",
        "'{\"item\":\"tea\",\"quantity\":-1}' -> invalid value",
        "[1, 2] -> JSON value of the wrong type"})
    void strictJsonClosesWith1007NamingTheRuleBroken(String message, String reason) {
        Connection c = Connection.open(Orders.class);
        c.handler().onText(c.session(), message);
        assertEquals(Optional.of(new CloseReason(1007, reason)), c.session().closedWith());
    }

    @Test
    void nestedProblemsSayWhereInTheMessage() {
        Connection c = Connection.open(Baskets.class);
        c.handler().onText(c.session(), "{\"orders\":[{\"item\":\"a\",\"quantity\":1},{\"item\":\"b\",\"quantity\":1,\"qty\":2}]}");
        assertEquals(Optional.of(new CloseReason(1007, "unknown property \"orders\"[1].\"qty\"")),
                c.session().closedWith());
    }

    @Test
    void aPropertyNameNotFitToEchoIsLeftOut() {
        Connection c = Connection.open(Orders.class);
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":1,\"" + "x".repeat(200) + "\":1}");
        assertEquals(Optional.of(new CloseReason(1007, "unknown property")), c.session().closedWith());
        Connection d = Connection.open(Orders.class);
        d.handler().onText(d.session(), "{\"item\":\"tea\",\"quantity\":1,\"caf\u00e9\\n\":1}");
        assertEquals(Optional.of(new CloseReason(1007, "unknown property")), d.session().closedWith());
    }

    @Test
    void theLenientCodecAcceptsWhatStrictRefuses() {
        Connection c = open(Orders.class, JsonCodec.lenient());
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"colour\":\"red\"}");
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":2.7}");
        assertEquals(List.of("tea x0", "tea x2"), c.session().sentText());
        assertTrue(c.session().isOpen());
    }

    @Test
    void closeReasonsNeverCarryAClassNameOrTheParsersText() {
        for (String message : List.of("{not json", "{\"item\":1,\"quantity\":[]}", "{\"quantity\":-1}", "\"x\"",
                "{\"item\":\"tea\",\"quantity\":1,\"x\":{}}")) {
            Connection c = Connection.open(Orders.class);
            c.handler().onText(c.session(), message);
            String reason = c.session().closedWith().orElseThrow().reason();
            assertFalse(reason.contains("Order") || reason.contains("java") || reason.contains("jackson")
                    || reason.contains("secret") || reason.contains("Cannot") || reason.contains("Unexpected"),
                    message + " -> " + reason);
        }
    }

    @Test
    void theDetailsGoToTheLogAtDebugWithTheSessionId() {
        try (LogCapture log = LogCapture.under("dev.wsf.annotated")) {
            Connection c = Connection.open(Orders.class);
            c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":1,\"colour\":\"red\"}");
            List<String> debug = log.messages(Level.FINE);
            assertEquals(1, debug.size(), debug.toString());
            String line = debug.get(0);
            assertTrue(line.contains("session " + c.session().id()), line);
            assertTrue(line.contains(Orders.class.getName()), line);
            assertTrue(line.contains("1007 (unknown property \"colour\")"), line);
            assertTrue(line.contains("UnrecognizedPropertyException") && line.contains(Order.class.getName()), line);
            assertTrue(log.messages(Level.WARNING).isEmpty(), "a client's mistake is no server fault");
        }
    }

    @Test
    void onErrorGetsTheDetailsAsTheCause() {
        Handled.ERRORS.clear();
        Connection c = Connection.open(Handled.class);
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":-1}");
        DecodeException e = assertInstanceOf(DecodeException.class, Handled.ERRORS.get(0));
        assertEquals("invalid value", e.getMessage());
        assertTrue(String.valueOf(e.getCause()).contains("secret internal detail"), String.valueOf(e.getCause()));
        assertEquals(Optional.of(new CloseReason(1007, "invalid value")), c.session().closedWith());
    }

    @Test
    void aTypeJacksonCannotBuildIsAServerFault() {
        try (LogCapture log = LogCapture.under("dev.wsf.annotated")) {
            Connection c = Connection.open(UnreadableEndpoint.class);
            c.handler().onText(c.session(), "{}");
            assertEquals(Optional.of(new CloseReason(1011, "")), c.session().closedWith());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.messages().toString());
            assertTrue(warnings.get(0).contains("session " + c.session().id()), warnings.get(0));
        }
    }
}
