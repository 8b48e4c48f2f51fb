package dev.wsf.api.metrics;

/**
 * What a server (or client) tells whoever counts: connections, handshakes, sessions, messages,
 * bytes, compression, back-pressure, slow consumers, topics, heartbeats and TLS. Give one to
 * {@code ServerConfig.Builder#metrics}; {@code wsf-micrometer} binds it to Micrometer.
 *
 * <h2>Contract</h2>
 * Every method has an empty default, so a listener implements what it wants. Methods are called
 * on I/O threads and workers, concurrently, on the hot path of every message: they must be fast,
 * must not block, must not throw, and should not allocate. Tags are bounded: {@code endpoint} is
 * the endpoint's path template ({@code /chat/{room}}), never the request path, or
 * {@link #UNMATCHED} for requests that matched no endpoint. Nothing names a session or a topic.
 *
 * @since 0.1
 */
public interface WebSocketMetrics {
    /** A listener that counts nothing. */
    WebSocketMetrics NONE = new WebSocketMetrics() {
    };

    /** The endpoint tag of handshakes that matched no endpoint (404, 400 and the like). */
    String UNMATCHED = "unmatched";

    /** Why a connection was refused at accept. */
    enum Refusal {
        /** The server was at its connection limit ({@code ConnectionLimits.maxConnections}). */
        MAX_CONNECTIONS,
        /**
         * The client's address was at its limit
         * ({@code ConnectionLimits.maxConnectionsPerAddress}).
         */
        MAX_PER_ADDRESS,
        /** Too many handshakes were under way ({@code ConnectionLimits.maxHandshakes}). */
        MAX_HANDSHAKES
    }

    /** Which side ended a session. */
    enum Closer {
        /** This side: the application closed, a timeout fired, or it failed the connection. */
        LOCAL,
        /** The peer, by sending its close frame first. */
        PEER,
        /** Neither: the connection dropped before either side began to close (1006). */
        NEITHER
    }

    /** A TCP connection was accepted (or, for a client, established). */
    default void connectionOpened() {
    }

    /**
     * A connection that {@link #connectionOpened()} reported has closed, for whatever reason; one
     * call per opened connection. Connections refused at accept are not reported here.
     */
    default void connectionClosed() {
    }

    /**
     * A connection was turned away with 503 at accept.
     *
     * @param reason which limit was reached
     */
    default void connectionRefused(Refusal reason) {
    }

    /**
     * A handshake ended: 101 for an upgrade, or the refusal's status (400, 401, 403, 404, 408,
     * 426, 503...), {@code durationNanos} after the connection was accepted.
     *
     * @param endpoint the path template, or {@link #UNMATCHED}
     * @param status the HTTP status answered
     * @param durationNanos nanoseconds from accepting the connection to answering
     */
    default void handshake(String endpoint, int status, long durationNanos) {
    }

    /**
     * A session opened after a successful handshake, just before the application's {@code onOpen}.
     *
     * @param endpoint the path template; {@code "client"} for a client's sessions
     */
    default void sessionOpened(String endpoint) {
    }

    /**
     * A session ended with {@code closeCode} (1006 if without a close handshake), after
     * {@code durationNanos}; {@code closer} is the side that closed first.
     *
     * @param endpoint the path template; {@code "client"} for a client's sessions
     * @param closeCode the close code the application was told
     * @param closer who began the close
     * @param durationNanos nanoseconds the session lasted, from opening to its end
     */
    default void sessionClosed(String endpoint, int closeCode, Closer closer, long durationNanos) {
    }

    /**
     * A whole message (or the last part of one) arrived; {@code bytes} as the application saw them.
     *
     * @param endpoint the path template; {@code "client"} for a client's sessions
     * @param binary true for a binary message, false for text
     * @param bytes the whole message's size in bytes, after decompression
     */
    default void messageReceived(String endpoint, boolean binary, long bytes) {
    }

    /**
     * A message was queued by the application (each part of a fragmented one counts its bytes).
     *
     * @param endpoint the path template; {@code "client"} for a client's sessions
     * @param binary true for a binary message, false for text
     * @param bytes the size of the message, or of this part, in bytes before compression
     */
    default void messageSent(String endpoint, boolean binary, long bytes) {
    }

    /**
     * permessage-deflate compressed a message of {@code originalBytes} into
     * {@code compressedBytes}. Called once per compressed frame, so a message sent in parts
     * reports each part. Servers only.
     *
     * @param endpoint the path template
     * @param originalBytes the payload's size before compression
     * @param compressedBytes its size after compression
     */
    default void compressed(String endpoint, long originalBytes, long compressedBytes) {
    }

    /**
     * Bytes read from or written to sockets (TLS records included).
     *
     * @param bytes how many bytes one read returned
     */
    default void bytesRead(long bytes) {
    }

    /**
     * Bytes written to a socket (TLS records included), reported as each write completes.
     *
     * @param bytes how many bytes one write wrote
     */
    default void bytesWritten(long bytes) {
    }

    /** A connection stopped reading for back-pressure: its peer reads slowly, or a worker is behind. */
    default void readsPaused() {
    }

    /**
     * A session was closed for reading too slowly (1008), or to shed memory (1013).
     *
     * @param endpoint the path template; {@code "client"} for a client's sessions
     */
    default void slowConsumerClosed(String endpoint) {
    }

    /**
     * A message was published to a topic and handed to {@code subscribers} local subscribers.
     *
     * @param subscribers how many sessions of this node it was handed to; 0 if none subscribe here
     */
    default void topicPublished(int subscribers) {
    }

    /** A slow subscriber missed a topic message (skip or keep-newest policy). */
    default void topicSkipped() {
    }

    /**
     * A peer did not answer the heartbeat in time and was dropped.
     *
     * @param endpoint the path template; {@code "client"} for a client's sessions
     */
    default void heartbeatTimeout(String endpoint) {
    }

    /** A TLS handshake failed (untrusted certificate, protocol mismatch, not TLS at all...). */
    default void tlsHandshakeFailed() {
    }
}
