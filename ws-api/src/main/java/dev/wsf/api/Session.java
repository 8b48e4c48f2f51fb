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

    /**
     * An identifier unique among the sessions of this server or client, for logs and maps.
     *
     * @return the identifier; the same for the session's whole life
     */
    String id();

    /**
     * Whether this is the server or the client end.
     *
     * @return {@link Role#SERVER} for a session a server accepted, {@link Role#CLIENT}
     *         for one a client opened
     */
    Role role();

    /**
     * The request URI of the upgrade, e.g. {@code ws://host:8080/chat/lobby?user=ann}.
     *
     * @return the URI, with scheme {@code wss} for a TLS connection and the query as sent
     */
    URI requestUri();

    /**
     * Values of the path template's variables, e.g. {@code room -> lobby}; empty for clients.
     *
     * @return the values by variable name
     */
    Map<String, String> pathParameters();

    /**
     * The decoded query parameters of the request URI, in order of appearance.
     *
     * @return an unmodifiable map from name to its values, percent-decoded as UTF-8; empty when the
     *         URI has no query
     */
    Map<String, List<String>> queryParameters();

    /**
     * The upgrade request as the server received it (or the client sent it).
     *
     * @return the request; its headers, principal and TLS details stay available while the session
     *         lives
     */
    HandshakeRequest handshakeRequest();

    /**
     * The subprotocol both ends agreed on, if any.
     *
     * @return the {@code Sec-WebSocket-Protocol} of the handshake response; empty if none was
     *         negotiated
     */
    Optional<String> subprotocol();

    /**
     * The extensions in use, in the order they were negotiated.
     *
     * @return the negotiated extensions with their parameters, e.g. {@code permessage-deflate}
     *         (RFC 7692); empty if none
     */
    List<ExtensionConfig> extensions();

    /**
     * Application state attached to this session. Thread-safe; lives as long as the session.
     *
     * @return a mutable concurrent map, the same instance on every call; it takes no null keys or
     *         values
     */
    Map<String, Object> userProperties();

    /**
     * The address of the peer. On a server behind a proxy, this is the client's address as a
     * trusted proxy forwarded it or as a PROXY protocol header gave it (see
     * {@link dev.wsf.api.config.ConnectionLimits}), not the proxy's.
     *
     * @return the peer's IP address and port
     */
    InetSocketAddress remoteAddress();

    /**
     * The local address of the connection's socket.
     *
     * @return the IP address and port this side of the connection is bound to
     */
    InetSocketAddress localAddress();

    /**
     * This session's counters: messages and bytes each way, and what waits for the peer now.
     *
     * @return a snapshot; this default implementation counts nothing but the buffered bytes,
     *         while the runtime's sessions fill in every counter
     */
    default SessionStats stats() {
        return new SessionStats(0, 0, 0, 0, bufferedAmount());
    }

    /**
     * Who the peer is, as the server's {@link dev.wsf.api.auth.Authenticator} established.
     *
     * @return the principal; empty if no authenticator ran, and always empty on the client side
     */
    default Optional<java.security.Principal> principal() {
        return handshakeRequest().principal();
    }

    /**
     * The publish/subscribe topics of this session's server (or client).
     *
     * @return the topics shared by every session of the same server or client
     * @throws UnsupportedOperationException for a session outside a server or client
     */
    default Topics topics() {
        throw new UnsupportedOperationException("this session has no topics");
    }

    /**
     * Subscribes this session to {@code topic}; see {@link Topics#subscribe(Session, String)}.
     *
     * @param topic the topic name, 1 to {@value Topics#MAX_NAME_LENGTH} characters
     * @throws IllegalArgumentException      if the name is empty or too long
     * @throws UnsupportedOperationException for a session outside a server or client
     */
    default void subscribe(String topic) {
        topics().subscribe(this, topic);
    }

    /**
     * Unsubscribes this session from {@code topic}; does nothing if it was not subscribed.
     *
     * @param topic the topic name, 1 to {@value Topics#MAX_NAME_LENGTH} characters
     * @throws IllegalArgumentException      if the name is empty or too long
     * @throws UnsupportedOperationException for a session outside a server or client
     */
    default void unsubscribe(String topic) {
        topics().unsubscribe(this, topic);
    }

    /**
     * What the TLS handshake settled (protocol, cipher suite, SNI, the peer's certificates for
     * mutual TLS) for a {@code wss://} session; empty for {@code ws://}.
     *
     * @return the TLS details, or empty for a plain connection
     */
    default Optional<TlsInfo> tls() {
        return handshakeRequest().tls();
    }

    /**
     * True until a close frame has been sent or received, or the connection failed.
     *
     * @return whether messages may still be sent
     */
    boolean isOpen();

    /**
     * Bytes accepted by send methods but not yet written to the socket. A send that would take
     * it past {@link dev.wsf.api.config.WebSocketConfig#maxBufferedOutput()} fails.
     *
     * @return the number of bytes queued for the peer now
     */
    long bufferedAmount();

    /**
     * Sends a whole text message.
     *
     * @param text the message; encoded as UTF-8
     * @return a stage that completes once the frame is handed to the operating system, or
     *         exceptionally with a {@link WebSocketException} if the session is closed or the peer
     *         reads too slowly (the session is then closed with 1008)
     * @throws IllegalStateException if a fragmented message, text or binary, is under way
     */
    CompletionStage<Void> sendText(CharSequence text);

    /**
     * Sends one fragment of a text message; {@code last} ends the message. Until it does, the next
     * data sent must be this message's next fragment: a whole message or a binary fragment throws
     * {@link IllegalStateException}. A fragment must not end in the middle of a surrogate pair.
     *
     * @param fragment the next part of the message; encoded as UTF-8, may be empty
     * @param last     whether this part ends the message
     * @return a stage that completes once the frame is handed to the operating system, or
     *         exceptionally with a {@link WebSocketException} if the session is closed or the peer
     *         reads too slowly (the session is then closed with 1008)
     * @throws IllegalArgumentException if a fragment that is not the last ends with a high surrogate
     * @throws IllegalStateException    if a fragmented binary message is under way
     */
    CompletionStage<Void> sendText(CharSequence fragment, boolean last);

    /**
     * Sends a whole binary message.
     *
     * @param data the message, from its position to its limit (see Buffers in the interface description)
     * @return a stage that completes once the frame is handed to the operating system, or
     *         exceptionally with a {@link WebSocketException} if the session is closed or the peer
     *         reads too slowly (the session is then closed with 1008)
     * @throws IllegalStateException if a fragmented message, text or binary, is under way
     */
    CompletionStage<Void> sendBinary(ByteBuffer data);

    /**
     * Sends one fragment of a binary message; {@code last} ends the message. Until it does, the
     * next data sent must be this message's next fragment: a whole message or a text fragment
     * throws {@link IllegalStateException}.
     *
     * @param fragment the next part of the message, from its position to its limit
     * @param last     whether this part ends the message
     * @return a stage that completes once the frame is handed to the operating system, or
     *         exceptionally with a {@link WebSocketException} if the session is closed or the peer
     *         reads too slowly (the session is then closed with 1008)
     * @throws IllegalStateException if a fragmented text message is under way
     */
    CompletionStage<Void> sendBinary(ByteBuffer fragment, boolean last);

    /**
     * Sends a ping; the payload must not exceed 125 bytes. The peer answers with a pong that
     * carries the same payload (RFC 6455, section 5.5.2). Control frames go ahead of queued data.
     *
     * @param payload the application data, from its position to its limit; may be empty
     * @return a stage that completes once the frame is handed to the operating system, or
     *         exceptionally with a {@link WebSocketException} if the session is closed
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     */
    CompletionStage<Void> sendPing(ByteBuffer payload);

    /**
     * Sends an unsolicited pong (a heartbeat that expects no answer); at most 125 bytes. Pings
     * from the peer are answered by the runtime; there is no need to call this for them.
     *
     * @param payload the application data, from its position to its limit; may be empty
     * @return a stage that completes once the frame is handed to the operating system, or
     *         exceptionally with a {@link WebSocketException} if the session is closed
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     */
    CompletionStage<Void> sendPong(ByteBuffer payload);

    /**
     * Starts the close handshake with {@code reason} and completes when the connection is closed:
     * after the peer answered, or after the close timeout. Calling it again, or on a closed
     * session, returns the same stage. Messages the peer sent before it saw this close are still
     * delivered until its own close frame arrives; nothing more can be sent.
     *
     * @param reason the code and reason phrase to send
     * @return a stage that completes when the connection is closed, whether or not the peer
     *         answered in time
     * @throws IllegalArgumentException if the code may not be sent (see {@link CloseCode#isSendable})
     */
    CompletionStage<Void> close(CloseReason reason);

    /**
     * Closes with 1000 (normal closure) and no reason phrase; see {@link #close(CloseReason)}.
     *
     * @return a stage that completes when the connection is closed
     */
    default CompletionStage<Void> close() {
        return close(CloseReason.NORMAL);
    }

    /**
     * Closes with the given code and reason phrase; see {@link #close(CloseReason)}.
     *
     * @param code   the status code: 1000-1003, 1007-1014 or an application code in 3000-4999
     * @param reason the reason phrase, at most {@value CloseReason#MAX_REASON_BYTES} bytes in
     *               UTF-8; empty for none
     * @return a stage that completes when the connection is closed
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    default CompletionStage<Void> close(int code, String reason) {
        return close(new CloseReason(code, reason));
    }

    /**
     * Sends a whole text message and waits until it is handed to the operating system.
     *
     * @param text the message; encoded as UTF-8
     * @throws IllegalStateException if called on an I/O thread, which would wait for itself
     * @throws WebSocketException    if the send failed: the session closed, or the peer reads too
     *                               slowly
     */
    default void sendTextAndAwait(CharSequence text) {
        await(sendText(text));
    }

    /**
     * Sends a whole binary message and waits until it is handed to the operating system.
     *
     * @param data the message, from its position to its limit
     * @throws IllegalStateException if called on an I/O thread, which would wait for itself
     * @throws WebSocketException    if the send failed: the session closed, or the peer reads too
     *                               slowly
     */
    default void sendBinaryAndAwait(ByteBuffer data) {
        await(sendBinary(data));
    }

    /**
     * Sends a ping and waits until it is handed to the operating system (not for the pong).
     *
     * @param payload the application data, at most 125 bytes
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    if called on an I/O thread, which would wait for itself
     * @throws WebSocketException       if the session is closed
     */
    default void sendPingAndAwait(ByteBuffer payload) {
        await(sendPing(payload));
    }

    /**
     * Closes as {@link #close(CloseReason)} does and waits until the connection is closed: at
     * most about the close timeout.
     *
     * @param reason the code and reason phrase to send
     * @throws IllegalArgumentException if the code may not be sent
     * @throws IllegalStateException    if called on an I/O thread, which would wait for itself
     */
    default void closeAndAwait(CloseReason reason) {
        await(close(reason));
    }

    /**
     * Waits for a stage returned by a session, rethrowing its failure unwrapped when it is
     * unchecked and wrapped in a {@link WebSocketException} otherwise.
     *
     * @param stage a stage returned by a send or close method
     * @throws RuntimeException   the stage's own failure, if unchecked
     * @throws WebSocketException wrapping the stage's failure, if checked
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
