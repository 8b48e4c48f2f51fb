package dev.wsf.api;

import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection, as the application sees it.
 *
 * <h2>Threading</h2>
 * Every method may be called from any thread. Sends are queued in call order and written by the
 * runtime; the returned stage completes once the frame has been handed to the operating system,
 * or exceptionally if the session closed first or the send was refused. Callbacks for one session
 * are never run concurrently (see {@link dev.wsf.api.endpoint.EndpointHandler}).
 *
 * <h2>Buffers</h2>
 * A {@link ByteBuffer} passed to a send method is read from its position to its limit, without
 * changing either; the caller must not modify its contents until the returned stage completes.
 * A buffer received in a callback may be sent back as it is (the runtime copies it if it must).
 *
 * <h2>Blocking sends</h2>
 * The {@code ...AndAwait} variants wait for the stage. They must not be called from a callback
 * that runs on an I/O thread ({@link dev.wsf.api.endpoint.Dispatch#IO_THREAD}): the I/O thread is
 * the one that would complete them, so they throw {@link IllegalStateException} there.
 *
 * @since 0.1
 */
public interface Session {

    /** An identifier unique among the sessions of this server or client. */
    String id();

    /** Whether this is the server or the client end. */
    Role role();

    /** The request URI of the upgrade, e.g. {@code ws://host:8080/chat/lobby?user=ann}. */
    URI requestUri();

    /** Values of the path template's variables, e.g. {@code room -> lobby}; empty for clients. */
    Map<String, String> pathParameters();

    /** The decoded query parameters of the request URI, in order of appearance. */
    Map<String, List<String>> queryParameters();

    /** The upgrade request as the server received it (or the client sent it). */
    HandshakeRequest handshakeRequest();

    /** The subprotocol both ends agreed on, if any. */
    Optional<String> subprotocol();

    /** The extensions in use, in the order they were negotiated. */
    List<ExtensionConfig> extensions();

    /** Application state attached to this session. Thread-safe; lives as long as the session. */
    Map<String, Object> userProperties();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** This session's counters: messages and bytes each way, and what waits for the peer now. */
    default SessionStats stats() {
        return new SessionStats(0, 0, 0, 0, bufferedAmount());
    }

    /** Who the peer is, as the server's {@link dev.wsf.api.auth.Authenticator} established. */
    default Optional<java.security.Principal> principal() {
        return handshakeRequest().principal();
    }

    /**
     * The publish/subscribe topics of this session's server (or client).
     *
     * @throws UnsupportedOperationException for a session outside a server or client
     */
    default Topics topics() {
        throw new UnsupportedOperationException("this session has no topics");
    }

    /** Subscribes this session to {@code topic}; see {@link Topics#subscribe(Session, String)}. */
    default void subscribe(String topic) {
        topics().subscribe(this, topic);
    }

    /** Unsubscribes this session from {@code topic}. */
    default void unsubscribe(String topic) {
        topics().unsubscribe(this, topic);
    }

    /**
     * What the TLS handshake settled (protocol, cipher suite, SNI, the peer's certificates for
     * mutual TLS) for a {@code wss://} session; empty for {@code ws://}.
     */
    default Optional<TlsInfo> tls() {
        return handshakeRequest().tls();
    }

    /** True until a close frame has been sent or received, or the connection failed. */
    boolean isOpen();

    /** Bytes accepted by send methods but not yet written to the socket. */
    long bufferedAmount();

    /** Sends a whole text message. */
    CompletionStage<Void> sendText(CharSequence text);

    /**
     * Sends one fragment of a text message; {@code last} ends the message. Until it does, no other
     * data message may be sent. A fragment must not end in the middle of a surrogate pair.
     */
    CompletionStage<Void> sendText(CharSequence fragment, boolean last);

    /** Sends a whole binary message. */
    CompletionStage<Void> sendBinary(ByteBuffer data);

    /** Sends one fragment of a binary message; {@code last} ends the message. */
    CompletionStage<Void> sendBinary(ByteBuffer fragment, boolean last);

    /** Sends a ping; the payload must not exceed 125 bytes. */
    CompletionStage<Void> sendPing(ByteBuffer payload);

    /** Sends an unsolicited pong (a heartbeat that expects no answer); at most 125 bytes. */
    CompletionStage<Void> sendPong(ByteBuffer payload);

    /**
     * Starts the close handshake with {@code reason} and completes when the connection is closed:
     * after the peer answered, or after the close timeout. Calling it again, or on a closed
     * session, returns the same stage. Messages the peer sent before it saw this close are still
     * delivered until its own close frame arrives; nothing more can be sent.
     *
     * @throws IllegalArgumentException if the code may not be sent (see {@link CloseCode#isSendable})
     */
    CompletionStage<Void> close(CloseReason reason);

    /** Closes with 1000 (normal closure). */
    default CompletionStage<Void> close() {
        return close(CloseReason.NORMAL);
    }

    /** Closes with the given code and reason phrase. */
    default CompletionStage<Void> close(int code, String reason) {
        return close(new CloseReason(code, reason));
    }

    default void sendTextAndAwait(CharSequence text) {
        await(sendText(text));
    }

    default void sendBinaryAndAwait(ByteBuffer data) {
        await(sendBinary(data));
    }

    default void sendPingAndAwait(ByteBuffer payload) {
        await(sendPing(payload));
    }

    default void closeAndAwait(CloseReason reason) {
        await(close(reason));
    }

    /**
     * Waits for a stage returned by a session, rethrowing its failure unwrapped when it is
     * unchecked and wrapped in a {@link WebSocketException} otherwise.
     */
    static void await(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new WebSocketException(cause.toString(), cause);
        }
    }
}
