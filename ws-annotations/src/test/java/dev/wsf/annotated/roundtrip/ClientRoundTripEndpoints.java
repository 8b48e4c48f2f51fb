package dev.wsf.annotated.roundtrip;

import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PongMessage;
import dev.wsf.api.annotation.QueryParam;
import dev.wsf.api.codec.DecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The two ends of {@link ClientRoundTripTest}: annotated server endpoints that answer commands,
 * and annotated client endpoints that record what they receive. Each connection carries a
 * {@code tag} query parameter under which the server records its events, so that tests sharing
 * the server do not read each other's.
 */
final class ClientRoundTripEndpoints {

    private ClientRoundTripEndpoints() {
    }

    private static final Map<String, BlockingQueue<String>> SERVER_EVENTS = new ConcurrentHashMap<>();

    /** What the server endpoints saw on the connections tagged {@code tag}. */
    static BlockingQueue<String> serverEvents(String tag) {
        return SERVER_EVENTS.computeIfAbsent(tag == null ? "untagged" : tag, t -> new LinkedBlockingQueue<>());
    }

    /** Waits for the next event, failing after 10 s. */
    static <T> T next(BlockingQueue<T> events) throws InterruptedException {
        T event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("nothing happened within 10 s");
        }
        return event;
    }

    // ---- servers ---------------------------------------------------------------------------------

    /** Echoes, and answers a few commands; records acknowledgements and the close. */
    @Endpoint(path = "/echo")
    public static class EchoServer {
        @OnMessage
        public String text(String text, Session session, @QueryParam("tag") String tag) {
            switch (text) {
                case "parts please" -> {
                    session.sendText("hel", false);
                    session.sendText("lo", true);
                    session.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
                    session.sendBinary(ByteBuffer.wrap(new byte[] {3}), true);
                    return null;
                }
                case "close please" -> {
                    session.close(4001, "asked to");
                    return null;
                }
                default -> {
                    if (text.startsWith("ack ")) {
                        serverEvents(tag).add("got " + text);
                        return null;
                    }
                    return text;
                }
            }
        }

        @OnMessage
        public byte[] binary(byte[] bytes) {
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            return reversed;
        }

        @OnClose
        public void close(CloseReason reason, @QueryParam("tag") String tag) {
            serverEvents(tag).add("closed " + reason.code() + " " + reason.reason());
        }
    }

    public record Greeting(String name) {
    }

    public record Reply(String line, int length) {
    }

    /** JSON records both ways; a few names make it send what a JSON client cannot take. */
    @Endpoint(path = "/greet")
    public static class GreetServer {
        @OnMessage
        public Object greet(Greeting greeting, @QueryParam("tag") String tag) {
            serverEvents(tag).add("greeted " + greeting.name());
            return switch (greeting.name()) {
                case "garbage" -> "not json";
                case "bytes" -> new byte[] {1};
                default -> new Reply("hello " + greeting.name(), greeting.name().length());
            };
        }

        @OnClose
        public void close(CloseReason reason, @QueryParam("tag") String tag) {
            serverEvents(tag).add("closed " + reason.code());
        }
    }

    /** Tells the client what it offered and what was chosen. */
    @Endpoint(path = "/protocols", subprotocols = {"v1", "v2"})
    public static class ProtocolServer {
        @OnOpen
        public String open(Session session, HandshakeRequest request) {
            return "offered " + request.subprotocols() + ", chose " + session.subprotocol().orElse("none");
        }
    }

    // ---- clients ---------------------------------------------------------------------------------

    /** What a client endpoint instance received, in order. */
    abstract static class Recording {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        Object next() throws InterruptedException {
            return ClientRoundTripEndpoints.next(events);
        }
    }

    /** Whole text (acknowledged by its return value), binary, pongs and the close; no @OnError. */
    @ClientEndpoint
    public static class TextClient extends Recording {
        @OnMessage
        public String text(String text) {
            if (text.equals("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            events.add(text);
            return "ack " + text;
        }

        @OnMessage
        public void binary(byte[] bytes) {
            events.add(bytes);
        }

        @OnMessage
        public void pong(PongMessage pong) {
            events.add("pong " + StandardCharsets.UTF_8.decode(pong.applicationData()));
        }

        @OnClose
        public void close(CloseReason reason) {
            events.add(reason);
        }
    }

    /** JSON records both ways, text only, with an @OnError that answers for it. */
    @ClientEndpoint
    public static class JsonClient extends Recording {
        @OnOpen
        public Greeting open() {
            return new Greeting("ann");
        }

        @OnMessage
        public void reply(Reply reply) {
            if (reply.line().endsWith("boom")) {
                throw new IllegalStateException("boom");
            }
            events.add(reply);
        }

        @OnError
        public Greeting error(Throwable error, Session session) {
            events.add(error);
            // Sent back like any return value; not after a decoding failure, which closes the session anyway.
            return error instanceof DecodeException ? null : new Greeting("recovered");
        }

        @OnClose
        public void close(CloseReason reason) {
            events.add(reason);
        }
    }

    /** One part of a message; binary data as hex. */
    record Part(String kind, String data, boolean last) {
    }

    /** Text and binary in parts as they arrive. */
    @ClientEndpoint
    public static class PartsClient extends Recording {
        @OnMessage
        public void text(String part, boolean last) {
            events.add(new Part("text", part, last));
        }

        @OnMessage
        public void binary(ByteBuffer part, boolean last) {
            StringBuilder hex = new StringBuilder();
            while (part.hasRemaining()) {
                hex.append(String.format("%02x", part.get()));
            }
            events.add(new Part("binary", hex.toString(), last));
        }
    }

    /** Offers three subprotocols, most preferred first. */
    @ClientEndpoint(subprotocols = {"v3", "v2", "v1"})
    public static class ProtocolClient extends Recording {
        @OnOpen
        public void open(Session session) {
            events.add("chose " + session.subprotocol().orElse("none"));
        }

        @OnMessage
        public void text(String text) {
            events.add(text);
        }
    }
}
