package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeSession;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.codec.BinaryEncoder;
import dev.wsf.api.codec.TextEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How return values are sent: by their class, through encoders or as JSON. */
class ReturnValuesTest {

    public interface Shape {
    }

    public record Circle(int radius) implements Shape {
    }

    public record Square(int side) implements Shape {
    }

    public record Money(long cents) {
    }

    public static final class ShapeEncoder implements TextEncoder<Shape> {
        @Override
        public String encode(Shape value) {
            return "shape:" + value;
        }
    }

    public static final class SquareEncoder implements BinaryEncoder<Square> {
        @Override
        public ByteBuffer encode(Square value) {
            return ByteBuffer.wrap(("square " + value.side()).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Endpoint(path = "/replies", encoders = {ShapeEncoder.class, SquareEncoder.class})
    public static class Replies {
        @OnMessage
        public Object message(String kind) {
            return switch (kind) {
                case "string" -> "text";
                case "builder" -> new StringBuilder("built");
                case "bytes" -> "raw".getBytes(StandardCharsets.UTF_8);
                case "buffer" -> ByteBuffer.wrap("buf".getBytes(StandardCharsets.UTF_8));
                case "circle" -> new Circle(2);
                case "square" -> new Square(3);
                case "money" -> new Money(150);
                case "map" -> Map.of("a", 1);
                case "int" -> 42;
                default -> null;
            };
        }
    }

    @Test
    void valuesAreSentAccordingToTheirClass() {
        Connection c = Connection.open(Replies.class);
        for (String kind : List.of("string", "builder", "bytes", "buffer", "circle", "square", "money", "map", "int", "none")) {
            c.handler().onText(c.session(), kind);
        }
        List<String> sent = c.session().sent().stream()
                .map(m -> m instanceof byte[] b ? "binary:" + FakeSession.utf8(b) : "text:" + m).toList();
        assertEquals(List.of("text:text", "text:built", "binary:raw", "binary:buf",
                "text:shape:Circle[radius=2]", "binary:square 3", "text:{\"cents\":150}", "text:{\"a\":1}",
                "text:42"), sent, "the exact encoder wins over one for a supertype; null sends nothing");
    }

    @Endpoint(path = "/typed")
    public static class Typed {
        @OnMessage
        public List<Money> message(List<Money> amounts) {
            return amounts.stream().map(m -> new Money(m.cents() * 2)).toList();
        }
    }

    @Test
    void genericJsonParametersAndReturnValues() {
        Connection c = Connection.open(Typed.class);
        c.handler().onText(c.session(), "[{\"cents\":1},{\"cents\":5}]");
        assertEquals(List.of("[{\"cents\":2},{\"cents\":10}]"), c.session().sentText());
    }

    @Endpoint(path = "/primitive")
    public static class Primitive {
        @OnMessage
        public int message(int number) {
            return number + 1;
        }
    }

    @Test
    void primitivesAreJsonToo() {
        Connection c = Connection.open(Primitive.class);
        c.handler().onText(c.session(), "41");
        assertEquals(List.of("42"), c.session().sentText());
        c.handler().onText(c.session(), "null");
        assertEquals(1007, c.session().closedWith().orElseThrow().code(), "null is no int");
    }
}
