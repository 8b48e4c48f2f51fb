package dev.wsf.annotated.roundtrip;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.annotation.PongMessage;
import dev.wsf.api.annotation.QueryParam;
import dev.wsf.api.codec.BinaryDecoder;
import dev.wsf.api.codec.BinaryEncoder;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.endpoint.Dispatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The endpoints {@link RoundTripTest} serves, one group of message kinds each. */
final class RoundTripEndpoints {

    private RoundTripEndpoints() {
    }

    public record ChatMessage(String user, String text) {
    }

    public record Reply(String room, String line) {
    }

    /** Whole text as JSON, whole binary as byte[], pongs, path and query values, lifecycle. */
    @Endpoint(path = "/chat/{room}", subprotocols = {"chat.v2", "chat.v1"})
    public static class Chat {
        static final BlockingQueue<String> CLOSED = new LinkedBlockingQueue<>();

        @OnOpen
        public String open(Session session, @PathParam("room") String room, @QueryParam("user") String user) {
            return "welcome " + user + " to " + room + " (" + session.subprotocol().orElse("none") + ")";
        }

        @OnMessage
        public Reply message(ChatMessage message, @PathParam("room") String room) {
            if (message.text().equals("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            return new Reply(room, message.user() + ": " + message.text());
        }

        @OnMessage
        public byte[] binary(byte[] bytes) {
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            return reversed;
        }

        @OnMessage
        public String pong(PongMessage pong) {
            return "pong:" + StandardCharsets.UTF_8.decode(pong.applicationData());
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("room") String room) {
            CLOSED.add(room + " " + reason.code());
        }
    }

    /** Text and binary in parts as they arrive. */
    @Endpoint(path = "/parts")
    public static class Parts {
        @OnMessage
        public String text(String part, boolean last) {
            return "text:" + part + ":" + last;
        }

        @OnMessage
        public String binary(ByteBuffer part, boolean last) {
            return "binary:" + part.remaining() + ":" + last;
        }
    }

    /** Text and binary as streams. */
    @Endpoint(path = "/stream")
    public static class Streams {
        @OnMessage
        public String text(Reader reader) throws IOException {
            StringWriter all = new StringWriter();
            reader.transferTo(all);
            return "read " + all.toString().length() + " chars ending in " + all.toString().substring(all.toString().length() - 3);
        }

        @OnMessage
        public String binary(InputStream in) throws IOException {
            long sum = 0;
            int count = 0;
            for (int b; (b = in.read()) >= 0; count++) {
                sum += b;
            }
            return "read " + count + " bytes summing to " + sum;
        }
    }

    public record Point(int x, int y) {
    }

    public static final class PointDecoder implements BinaryDecoder<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(bytes.position()), bytes.getInt(bytes.position() + 4));
        }
    }

    public static final class PointEncoder implements BinaryEncoder<Point> {
        @Override
        public ByteBuffer encode(Point value) {
            return ByteBuffer.allocate(8).putInt(value.x()).putInt(value.y()).flip();
        }
    }

    public record Command(String verb) {
    }

    public static final class CommandDecoder implements TextDecoder<Command> {
        @Override
        public Command decode(String text) {
            return new Command(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Custom codecs both ways, on the I/O thread. */
    @Endpoint(path = "/codecs", decoders = {PointDecoder.class, CommandDecoder.class}, encoders = PointEncoder.class,
            dispatch = Dispatch.IO_THREAD)
    public static class Codecs {
        @OnMessage
        public Point move(Point point) {
            return new Point(point.x() + 1, point.y() + 1);
        }

        @OnMessage
        public String command(Command command) {
            return "did " + command.verb();
        }
    }

    /** Text only, with a small limit. */
    @Endpoint(path = "/small", maxTextMessageSize = 16)
    public static class Small {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** A path value that must be a number. */
    @Endpoint(path = "/items/{id}")
    public static class Items {
        @OnOpen
        public String open(@PathParam("id") long id) {
            return "item " + id;
        }
    }
}
