package dev.wsf.api.endpoint;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.Session;
import java.nio.ByteBuffer;

/**
 * Receives the events of WebSocket sessions. This is the engine-level contract: the annotation
 * model adapts user classes to it, and programmatic users implement it directly.
 *
 * <h2>Order and threads</h2>
 * For one session, callbacks never run concurrently and arrive in this order: {@link #onOpen}
 * once, then messages and control frames in the order the peer sent them, then {@link #onClose}
 * exactly once (also when {@code onOpen} failed). {@link #onError} may come before
 * {@code onClose}. Which thread runs them is chosen by the endpoint's {@link Dispatch}.
 *
 * <h2>Messages</h2>
 * By default a message is delivered whole, to {@link #onText} or {@link #onBinary}; an endpoint
 * configured for {@link Delivery#PARTIAL} delivery gets {@link #onTextPart} or
 * {@link #onBinaryPart} instead, as the bytes arrive. Text is always valid UTF-8: a session that
 * receives anything else fails with 1007 before the bad bytes reach a callback.
 *
 * <h2>Buffers</h2>
 * A {@link ByteBuffer} argument is valid only until the callback returns; copy what you keep.
 *
 * <h2>Errors</h2>
 * An exception thrown by a callback is passed to {@link #onError}. The default {@code onError}
 * logs it and closes the session with 1011; override it to decide otherwise.
 *
 * @since 0.1
 */
public interface EndpointHandler {

    /**
     * The session is open: the first callback, before any message. If it throws, the exception goes
     * to {@link #onError} and the session stays open unless {@code onError} closes it.
     *
     * @param session the new session; it may be kept and used from any thread
     */
    default void onOpen(Session session) {
    }

    /**
     * A whole text message.
     *
     * @param session the session that received it
     * @param message the message, valid UTF-8, within the endpoint's text size limit
     */
    default void onText(Session session, String message) {
    }

    /**
     * A piece of a text message; {@code last} marks the end. Pieces never split a code point.
     *
     * @param session the session that received it
     * @param part the next characters of the message; may be empty, notably in the last piece
     * @param last true for the message's final piece
     */
    default void onTextPart(Session session, String part, boolean last) {
    }

    /**
     * A whole binary message.
     *
     * @param session the session that received it
     * @param message the message from position to limit; valid only during the call
     */
    default void onBinary(Session session, ByteBuffer message) {
    }

    /**
     * A piece of a binary message; {@code last} marks the end.
     *
     * @param session the session that received it
     * @param part the next bytes of the message; valid only during the call; may be empty in the
     *             last piece
     * @param last true for the message's final piece
     */
    default void onBinaryPart(Session session, ByteBuffer part, boolean last) {
    }

    /**
     * A ping from the peer; the runtime has already queued the pong.
     *
     * @param session the session that received it
     * @param payload the ping's application data, at most 125 bytes (RFC 6455, section 5.5); valid
     *                only during the call
     */
    default void onPing(Session session, ByteBuffer payload) {
    }

    /**
     * A pong from the peer: an answer to a ping, or an unsolicited heartbeat.
     *
     * @param session the session that received it
     * @param payload the pong's application data, at most 125 bytes; valid only during the call
     */
    default void onPong(Session session, ByteBuffer payload) {
    }

    /**
     * The session has ended. {@code reason} is the peer's close status (1005 if its close frame
     * had none), the code this side failed the connection with (1002, 1007, 1009, 1011...), or
     * 1006 if the connection ended without a close handshake.
     *
     * <p>The last callback of the session; an exception it throws is logged and goes nowhere else.
     *
     * @param session the closed session; sends on it complete exceptionally
     * @param reason the close code and reason, as described above
     */
    default void onClose(Session session, CloseReason reason) {
    }

    /**
     * Something went wrong: a callback threw, the peer violated the protocol, or the connection
     * failed. The default logs the error and closes the session with 1011 (a no-op if it is
     * already closing). What the peer did wrong ({@link ProtocolViolationException}; the runtime
     * has already closed with the right code) and a broken connection ({@link java.io.IOException},
     * such as a peer that vanished) are routine on the internet, so they are logged at DEBUG in
     * one line, without a stack trace.
     *
     * <p>If {@code onError} itself throws, that is logged and the session closes with 1011.
     *
     * @param session the session concerned
     * @param error what went wrong
     */
    default void onError(Session session, Throwable error) {
        System.Logger log = System.getLogger(EndpointHandler.class.getName());
        if (error instanceof ProtocolViolationException || error instanceof java.io.IOException) {
            log.log(System.Logger.Level.DEBUG, () -> "session " + session.id() + ": " + error);
            return;
        }
        log.log(System.Logger.Level.WARNING, "session " + session.id() + " failed", error);
        if (session.isOpen()) {
            session.close(new CloseReason(CloseCode.INTERNAL_ERROR, ""));
        }
    }
}
