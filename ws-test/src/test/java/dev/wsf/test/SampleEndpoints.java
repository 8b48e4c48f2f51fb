package dev.wsf.test;

import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import java.nio.charset.StandardCharsets;

/** Real endpoints for the kit's tests: what a user's application would have. */
final class SampleEndpoints {
    private SampleEndpoints() {
    }

    /** Answers every text with "echo: " and the text; "quiet" gets no answer. */
    @Endpoint(path = "/echo", subprotocols = {"chat.v1"})
    public static class Echo {
        @OnMessage
        public String echo(String message) {
            return message.equals("quiet") ? null : "echo: " + message;
        }
    }

    /** Accepts numbers; closes with 1008 (policy violation) on anything else. */
    @Endpoint(path = "/numbers")
    public static class Numbers {
        @OnMessage
        public String number(String message, Session session) {
            if (!message.matches("-?\\d+")) {
                session.close(1008, "not a number: " + message);
                return null;
            }
            return "ok " + message;
        }
    }

    /** Greets with three bytes on open, and answers text with its UTF-8 bytes reversed. */
    @Endpoint(path = "/bytes")
    public static class Bytes {
        @OnOpen
        public void open(Session session) {
            session.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}));
        }

        @OnMessage
        public byte[] reverse(String message) {
            byte[] in = message.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[in.length - 1 - i];
            }
            return out;
        }
    }
}
