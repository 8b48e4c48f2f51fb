package dev.wsf.test;

import dev.wsf.api.CloseReason;
import java.util.Arrays;
import java.util.Objects;

/**
 * One thing a {@link TestClient} received, in the order it arrived: a {@link Text} or
 * {@link Binary} message, a {@link Ping} or {@link Pong}, the {@link Closed} end of the session, or
 * a {@link Failed} error. Payloads are copies, so events stay valid after their callback; byte
 * payloads compare by content.
 *
 * @since 0.1
 */
public sealed interface Event permits Event.Text, Event.Binary, Event.Ping, Event.Pong, Event.Closed, Event.Failed {

    /**
     * Whether this is a data message ({@link Text} or {@link Binary}), the kind that
     * {@code await...} methods consume; control frames, the close and errors are not.
     *
     * @return true for a text or binary message
     */
    default boolean isMessage() {
        return this instanceof Text || this instanceof Binary;
    }

    /**
     * A whole text message.
     *
     * @param text the message
     * @since 0.1
     */
    record Text(String text) implements Event {
        /**
         * A text message.
         *
         * @param text the message
         */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "text " + Formats.quoted(text);
        }
    }

    /**
     * A whole binary message.
     *
     * @param bytes the message (a copy is kept, and {@link #bytes()} returns another)
     * @since 0.1
     */
    record Binary(byte[] bytes) implements Event {
        /**
         * A binary message.
         *
         * @param bytes the message, copied
         */
        public Binary {
            bytes = bytes.clone();
        }

        /**
         * The message.
         *
         * @return a copy of the bytes
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "binary " + Formats.bytes(bytes);
        }
    }

    /**
     * A ping from the peer (the runtime has answered it with a pong already).
     *
     * @param payload the ping's payload (a copy is kept, and {@link #payload()} returns another)
     * @since 0.1
     */
    record Ping(byte[] payload) implements Event {
        /**
         * A ping.
         *
         * @param payload the payload, copied
         */
        public Ping {
            payload = payload.clone();
        }

        /**
         * The payload.
         *
         * @return a copy of the bytes
         */
        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "ping " + Formats.bytes(payload);
        }
    }

    /**
     * A pong from the peer: the answer to a ping, or a heartbeat.
     *
     * @param payload the pong's payload (a copy is kept, and {@link #payload()} returns another)
     * @since 0.1
     */
    record Pong(byte[] payload) implements Event {
        /**
         * A pong.
         *
         * @param payload the payload, copied
         */
        public Pong {
            payload = payload.clone();
        }

        /**
         * The payload.
         *
         * @return a copy of the bytes
         */
        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "pong " + Formats.bytes(payload);
        }
    }

    /**
     * The end of the session: the peer's close status, the code this side failed the connection
     * with, or 1006 when the connection ended without a close handshake.
     *
     * @param reason the close code and reason phrase
     * @since 0.1
     */
    record Closed(CloseReason reason) implements Event {
        /**
         * A close.
         *
         * @param reason the close code and reason phrase
         */
        public Closed {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The close code.
         *
         * @return the code, e.g. 1000
         */
        public int code() {
            return reason.code();
        }

        @Override
        public String toString() {
            return "close " + Formats.closeReason(reason);
        }
    }

    /**
     * An error the client's session reported: the peer broke the protocol, or the connection
     * failed. A {@link Closed} event follows.
     *
     * @param error what went wrong
     * @since 0.1
     */
    record Failed(Throwable error) implements Event {
        /**
         * An error.
         *
         * @param error what went wrong
         */
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String toString() {
            return "error " + error;
        }
    }
}
