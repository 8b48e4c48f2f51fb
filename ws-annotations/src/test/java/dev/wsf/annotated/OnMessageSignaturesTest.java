package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.annotated.testing.FakeSession;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.PongMessage;
import dev.wsf.api.codec.BinaryDecoder;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Binds and drives every message form that {@link OnMessage}'s Javadoc lists, on a server endpoint
 * and on a client endpoint, since the one table holds for both. The list of forms is read from
 * the Javadoc itself, so a form documented without a case here (or the reverse) fails the build.
 * Each fixture carries both annotations.
 */
class OnMessageSignaturesTest {

    /** One documented form: its fixture, how to deliver a message, and what it must send back. */
    private record Form(Class<?> fixture, Delivery delivery, Consumer<EndpointHandler> deliver, List<String> replies) {
    }

    private static final Map<String, Form> FORMS = new LinkedHashMap<>();

    static {
        FORMS.put("String", new Form(TextWhole.class, Delivery.WHOLE,
                h -> h.onText(null, "hello"), List.of("String:hello")));
        FORMS.put("String, boolean", new Form(TextParts.class, Delivery.PARTIAL, h -> {
            h.onTextPart(null, "hel", false);
            h.onTextPart(null, "lo", true);
        }, List.of("part:hel:false", "part:lo:true")));
        FORMS.put("Reader", new Form(TextReader.class, Delivery.PARTIAL, h -> {
            h.onTextPart(null, "hel", false);
            h.onTextPart(null, "lo", true);
        }, List.of("Reader:hello")));
        FORMS.put("a type with a TextDecoder", new Form(TextDecoded.class, Delivery.WHOLE,
                h -> h.onText(null, "join lobby"), List.of("Command:join/lobby")));
        FORMS.put("any other type", new Form(TextJson.class, Delivery.WHOLE,
                h -> h.onText(null, "{\"user\":\"ann\",\"text\":\"hi\"}"), List.of("{\"echo\":\"ann: hi\"}")));
        FORMS.put("ByteBuffer", new Form(BinaryBuffer.class, Delivery.WHOLE,
                h -> h.onBinary(null, bytes("abc")), List.of("ByteBuffer:abc")));
        FORMS.put("byte[]", new Form(BinaryBytes.class, Delivery.WHOLE,
                h -> h.onBinary(null, bytes("abc")), List.of("byte[]:abc")));
        FORMS.put("ByteBuffer, boolean", new Form(BinaryBufferParts.class, Delivery.PARTIAL, h -> {
            h.onBinaryPart(null, bytes("ab"), false);
            h.onBinaryPart(null, bytes("c"), true);
        }, List.of("ByteBuffer part:ab:false", "ByteBuffer part:c:true")));
        FORMS.put("byte[], boolean", new Form(BinaryBytesParts.class, Delivery.PARTIAL, h -> {
            h.onBinaryPart(null, bytes("ab"), false);
            h.onBinaryPart(null, bytes("c"), true);
        }, List.of("byte[] part:ab:false", "byte[] part:c:true")));
        FORMS.put("InputStream", new Form(BinaryStream.class, Delivery.PARTIAL, h -> {
            h.onBinaryPart(null, bytes("ab"), false);
            h.onBinaryPart(null, bytes("c"), true);
        }, List.of("InputStream:abc")));
        FORMS.put("a type with a BinaryDecoder", new Form(BinaryDecoded.class, Delivery.WHOLE,
                h -> h.onBinary(null, ByteBuffer.allocate(8).putInt(3).putInt(4).flip()), List.of("Point:3,4")));
        FORMS.put("PongMessage", new Form(Pong.class, Delivery.WHOLE,
                h -> h.onPong(null, bytes("beat")), List.of("Pong:beat")));
    }

    @Test
    void everyDocumentedFormHasACaseAndEveryCaseIsDocumented() throws IOException {
        assertEquals(documentedForms(), FORMS.keySet(),
                "the forms in OnMessage's Javadoc table and the cases of this test must match");
    }

    @Test
    void everyFormBindsAndReceivesItsMessage() {
        everyForm(fixture -> Connection.single(AnnotatedEndpoints.define(fixture)));
    }

    @Test
    void everyFormBindsAndReceivesItsMessageOnAClientEndpoint() {
        everyForm(AnnotatedEndpoints::client);
    }

    private static void everyForm(Function<Class<?>, EndpointDefinition> define) {
        for (Map.Entry<String, Form> e : FORMS.entrySet()) {
            Form form = e.getValue();
            EndpointDefinition definition = define.apply(form.fixture());
            boolean binary = e.getKey().contains("yte") || e.getKey().contains("InputStream")
                    || e.getKey().contains("Binary");
            Delivery delivery = binary ? definition.binaryDelivery() : definition.textDelivery();
            if (!e.getKey().equals("PongMessage")) {
                assertEquals(form.delivery(), delivery, e.getKey() + ": delivery");
            }
            Connection c = Connection.open(definition, FakeHandshakeRequest.to("/"));
            form.deliver().accept(new SessionBinding(c));
            List<String> replies = c.session().sent().stream()
                    .map(m -> m instanceof byte[] b ? FakeSession.utf8(b) : (String) m).toList();
            assertEquals(form.replies(), replies, e.getKey());
            assertTrue(c.session().isOpen(), e.getKey() + ": " + c.session().closedWith());
        }
    }

    /** The first cell of each row of the Javadoc table, markup removed. */
    private static Set<String> documentedForms() throws IOException {
        Path source = Path.of("..", "ws-api", "src", "main", "java", "dev", "wsf", "api", "annotation", "OnMessage.java");
        String text = Files.readString(source);
        Matcher rows = Pattern.compile("<tr><td>(.*?)</td>").matcher(text);
        Set<String> forms = new LinkedHashSet<>();
        while (rows.find()) {
            forms.add(rows.group(1).replaceAll("\\{@(code|link) ([^}]*)}", "$2"));
        }
        return forms;
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    /** Passes each event on with the connection's session in place of the {@code null} above. */
    private static final class SessionBinding implements EndpointHandler {
        private final Connection c;

        SessionBinding(Connection c) {
            this.c = c;
        }

        @Override
        public void onText(Session s, String message) {
            c.handler().onText(c.session(), message);
        }

        @Override
        public void onTextPart(Session s, String part, boolean last) {
            c.handler().onTextPart(c.session(), part, last);
        }

        @Override
        public void onBinary(Session s, ByteBuffer message) {
            c.handler().onBinary(c.session(), message);
        }

        @Override
        public void onBinaryPart(Session s, ByteBuffer part, boolean last) {
            c.handler().onBinaryPart(c.session(), part, last);
        }

        @Override
        public void onPong(Session s, ByteBuffer payload) {
            c.handler().onPong(c.session(), payload);
        }
    }

    // ---- one fixture per documented form -------------------------------------------------------

    @Endpoint(path = "/text")
    @ClientEndpoint
    public static class TextWhole {
        @OnMessage
        public String message(String text) {
            return "String:" + text;
        }
    }

    @Endpoint(path = "/text-parts")
    @ClientEndpoint
    public static class TextParts {
        @OnMessage
        public String message(boolean last, Session session, String part) {
            return "part:" + part + ":" + last;
        }
    }

    @Endpoint(path = "/text-reader")
    @ClientEndpoint
    public static class TextReader {
        @OnMessage
        public String message(Reader reader) throws IOException {
            StringWriter all = new StringWriter();
            reader.transferTo(all);
            return "Reader:" + all;
        }
    }

    public record Command(String verb, String argument) {
    }

    public static class CommandDecoder implements TextDecoder<Command> {
        @Override
        public Command decode(String text) {
            String[] words = text.split(" ", 2);
            return new Command(words[0], words[1]);
        }
    }

    @Endpoint(path = "/text-decoded", decoders = CommandDecoder.class)
    @ClientEndpoint(decoders = CommandDecoder.class)
    public static class TextDecoded {
        @OnMessage
        public String message(Command command) {
            return "Command:" + command.verb() + "/" + command.argument();
        }
    }

    public record ChatMessage(String user, String text) {
    }

    public record Echo(String echo) {
    }

    @Endpoint(path = "/text-json")
    @ClientEndpoint
    public static class TextJson {
        @OnMessage
        public Echo message(Session session, ChatMessage message) {
            return new Echo(message.user() + ": " + message.text());
        }
    }

    @Endpoint(path = "/binary")
    @ClientEndpoint
    public static class BinaryBuffer {
        @OnMessage
        public String message(ByteBuffer buffer) {
            return "ByteBuffer:" + utf8(buffer);
        }
    }

    @Endpoint(path = "/binary-bytes")
    @ClientEndpoint
    public static class BinaryBytes {
        @OnMessage
        public String message(byte[] bytes) {
            return "byte[]:" + new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Endpoint(path = "/binary-parts")
    @ClientEndpoint
    public static class BinaryBufferParts {
        @OnMessage
        public String message(ByteBuffer part, boolean last) {
            return "ByteBuffer part:" + utf8(part) + ":" + last;
        }
    }

    @Endpoint(path = "/binary-bytes-parts")
    @ClientEndpoint
    public static class BinaryBytesParts {
        @OnMessage
        public String message(Boolean last, byte[] part) {
            return "byte[] part:" + new String(part, StandardCharsets.UTF_8) + ":" + last;
        }
    }

    @Endpoint(path = "/binary-stream")
    @ClientEndpoint
    public static class BinaryStream {
        @OnMessage
        public byte[] message(InputStream in) throws IOException {
            return ("InputStream:" + new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
    }

    public record Point(int x, int y) {
    }

    public static class PointDecoder implements BinaryDecoder<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(bytes.position()), bytes.getInt(bytes.position() + 4));
        }
    }

    @Endpoint(path = "/binary-decoded", decoders = PointDecoder.class)
    @ClientEndpoint(decoders = PointDecoder.class)
    public static class BinaryDecoded {
        @OnMessage
        public String message(Point point) {
            return "Point:" + point.x() + "," + point.y();
        }
    }

    @Endpoint(path = "/pong")
    @ClientEndpoint
    public static class Pong {
        @OnMessage
        public String pong(PongMessage pong) {
            return "Pong:" + utf8(pong.applicationData());
        }
    }
}
