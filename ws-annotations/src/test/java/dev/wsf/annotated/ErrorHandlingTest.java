package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.CloseException;
import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.codec.DecodeException;
import dev.wsf.api.codec.EncodeException;
import dev.wsf.api.codec.TextEncoder;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The error policy documented on {@code @OnError} and {@code @OnMessage}. */
class ErrorHandlingTest {

    public record Order(String item, int quantity) {
    }

    @Endpoint(path = "/unhandled")
    public static class Unhandled {
        @OnMessage
        public String message(Order order) {
            if (order.quantity() < 0) {
                throw new IllegalArgumentException("negative quantity");
            }
            return "ok " + order.item();
        }
    }

    @Test
    void exceptionWithoutOnErrorClosesWith1011() {
        Connection c = Connection.open(Unhandled.class);
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":-1}");
        assertEquals(Optional.of(new CloseReason(1011, "")), c.session().closedWith());
    }

    @Test
    void otherSessionsAreUnaffected() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(Unhandled.class));
        Connection failing = Connection.open(d, FakeHandshakeRequest.to("/unhandled"));
        Connection healthy = Connection.open(d, FakeHandshakeRequest.to("/unhandled"));
        failing.handler().onText(failing.session(), "{\"item\":\"tea\",\"quantity\":-1}");
        healthy.handler().onText(healthy.session(), "{\"item\":\"tea\",\"quantity\":1}");
        assertFalse(failing.session().isOpen());
        assertTrue(healthy.session().isOpen());
        assertEquals(List.of("ok tea"), healthy.session().sentText());
    }

    @Test
    void textThatDoesNotDecodeClosesWith1007() {
        Connection c = Connection.open(Unhandled.class);
        c.handler().onText(c.session(), "{not json");
        // the rule broken, not the type or the parser's words: see JsonMessagesTest
        assertEquals(Optional.of(new CloseReason(1007, "malformed JSON")), c.session().closedWith());
    }

    @Test
    void binaryToATextOnlyEndpointClosesWith1003() {
        Connection c = Connection.open(Unhandled.class);
        c.handler().onBinary(c.session(), ByteBuffer.allocate(3));
        assertEquals(Optional.of(new CloseReason(1003, "this endpoint accepts no binary messages")), c.session().closedWith());
    }

    @Endpoint(path = "/binary-only")
    public static class BinaryOnly {
        @OnMessage
        public void message(byte[] bytes) {
        }
    }

    @Test
    void textToABinaryOnlyEndpointClosesWith1003AndPongsAreIgnored() {
        Connection c = Connection.open(BinaryOnly.class);
        c.handler().onPong(c.session(), ByteBuffer.allocate(1));
        assertTrue(c.session().isOpen(), "nobody handles pongs, which is fine");
        c.handler().onText(c.session(), "hello");
        assertEquals(1003, c.session().closedWith().orElseThrow().code());
    }

    @Endpoint(path = "/handled")
    public static class Handled {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @OnOpen
        public void open(Session session) {
            session.userProperties().put("errors", errors);
        }

        @OnMessage
        public Object message(Order order) throws IOException {
            return switch (order.item()) {
                case "io" -> throw new IOException("disk full");
                case "close" -> throw new CloseException(4001, "no more " + order.item());
                case "unencodable" -> new Unencodable();
                default -> "ok";
            };
        }

        @OnError
        public String error(Throwable error, Session session) {
            errors.add(error);
            return "sorry: " + error.getMessage();
        }
    }

    /** Has an encoder that always fails. */
    public static final class Unencodable {
    }

    @SuppressWarnings("unchecked")
    private static List<Throwable> errors(Connection c) {
        return (List<Throwable>) c.session().userProperties().get("errors");
    }

    @Test
    void exceptionGoesToOnErrorAndTheSessionStaysOpen() {
        Connection c = Connection.open(Handled.class);
        c.handler().onText(c.session(), "{\"item\":\"io\",\"quantity\":1}");
        assertTrue(c.session().isOpen());
        assertInstanceOf(IOException.class, errors(c).get(0));
        assertEquals(List.of("sorry: disk full"), c.session().sentText(), "@OnError's return value is sent");
        c.handler().onText(c.session(), "{\"item\":\"tea\",\"quantity\":1}");
        assertEquals("ok", c.session().sentText().get(1));
    }

    @Test
    void decodeFailureIsReportedToOnErrorThenClosesWith1007() {
        Connection c = Connection.open(Handled.class);
        c.handler().onText(c.session(), "[1, 2]");
        assertInstanceOf(DecodeException.class, errors(c).get(0));
        assertEquals(1007, c.session().closedWith().orElseThrow().code());
    }

    @Test
    void closeExceptionClosesWithItsCode() {
        Connection c = Connection.open(Handled.class);
        c.handler().onText(c.session(), "{\"item\":\"close\",\"quantity\":1}");
        assertEquals(Optional.of(new CloseReason(4001, "no more close")), c.session().closedWith());
        assertTrue(errors(c).isEmpty(), "closing on purpose is not an error");
    }

    @Test
    void runtimeReportedErrorsGoToOnError() {
        Connection c = Connection.open(Handled.class);
        IOException reset = new IOException("connection reset");
        c.handler().onError(c.session(), reset);
        assertEquals(List.of(reset), errors(c));
    }

    public static final class FailingEncoder implements TextEncoder<Unencodable> {
        @Override
        public String encode(Unencodable value) {
            throw new IllegalStateException("cannot");
        }
    }

    @Endpoint(path = "/encoding", encoders = FailingEncoder.class)
    public static class EncodingFails extends Handled {
    }

    @Test
    void encoderFailureIsTheCallbacksFailure() {
        Connection c = Connection.open(EncodingFails.class);
        c.handler().onText(c.session(), "{\"item\":\"unencodable\",\"quantity\":1}");
        assertInstanceOf(EncodeException.class, errors(c).get(0));
        assertTrue(c.session().isOpen());
    }

    @Endpoint(path = "/bad-handler")
    public static class OnErrorFails {
        @OnOpen
        public void open() {
            throw new IllegalStateException("open failed");
        }

        @OnError
        public void error(Throwable error) {
            throw new IllegalStateException("and so did the error handler");
        }
    }

    @Test
    void failingOnErrorClosesWith1011() {
        Connection c = Connection.open(OnErrorFails.class);
        assertEquals(1011, c.session().closedWith().orElseThrow().code());
    }

    @Endpoint(path = "/close-fails")
    public static class OnCloseFails {
        static final List<Throwable> ERRORS = new CopyOnWriteArrayList<>();

        @OnClose
        public void close() {
            throw new IllegalStateException("cleanup failed");
        }

        @OnError
        public void error(Throwable error) {
            ERRORS.add(error);
        }
    }

    @Test
    void onCloseFailureGoesToOnError() {
        Connection c = Connection.open(OnCloseFails.class);
        c.handler().onClose(c.session(), CloseReason.NORMAL);
        assertEquals("cleanup failed", OnCloseFails.ERRORS.get(0).getMessage());
    }

    @Endpoint(path = "/long-reason")
    public static class LongReason {
        @OnMessage
        public void message(String text) {
            throw new CloseException(4002, "é".repeat(100));
        }
    }

    @Test
    void closeReasonsAreCutToFitACloseFrame() {
        Connection c = Connection.open(LongReason.class);
        c.handler().onText(c.session(), "x");
        CloseReason reason = c.session().closedWith().orElseThrow();
        assertEquals(4002, reason.code());
        assertEquals("é".repeat(61), reason.reason(), "61 two-byte characters fit in 123 bytes");
    }
}
