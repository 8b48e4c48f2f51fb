package dev.wsf.test;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.runtime.WebSocketClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A WebSocket client for tests: it records every {@link Event} of its connection in order, and its
 * {@code await...} and {@code assert...} methods wait for what the test expects, at most a timeout
 * ({@link #DEFAULT_TIMEOUT} unless set), failing with an {@link AssertionError} that lists what was
 * received. Close it (try-with-resources) to end the connection and stop its I/O thread.
 *
 * <p>Data messages are consumed in order: {@link #awaitText()} returns the next message not
 * consumed yet and fails if it is binary. Pings, pongs and errors are recorded ({@link #events()})
 * but never consumed, and the close is seen by {@link #awaitClose()} whatever was consumed. A
 * method waiting for a message fails at once when the connection closes with none left.
 *
 * <p>Events arrive on the client's threads; every method may be called from any thread.
 *
 * @since 0.1
 */
public final class TestClient implements AutoCloseable {
    /** How long the {@code await...} methods wait unless told otherwise: 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final WebSocketClient client;
    private final EventLog log;
    private final Session session;
    private final Duration timeout;

    private TestClient(WebSocketClient client, EventLog log, Session session, Duration timeout) {
        this.client = client;
        this.log = log;
        this.session = session;
        this.timeout = timeout;
    }

    /**
     * Connects to {@code uri} with the defaults.
     *
     * @param uri a {@code ws://} or {@code wss://} URI, e.g. from {@link TestServer#uri(String)}
     * @return the connected client
     * @throws AssertionError if the connection or its handshake fails, or takes longer than
     *                        {@link #DEFAULT_TIMEOUT}; the cause says why (for a refused upgrade,
     *                        a {@link dev.wsf.api.HandshakeRejectedException})
     */
    public static TestClient connect(URI uri) {
        return builder(uri).connect();
    }

    /**
     * A builder to connect to {@code uri} with subprotocols, headers, another timeout or a client
     * configuration.
     *
     * @param uri a {@code ws://} or {@code wss://} URI
     * @return a builder; {@link Builder#connect()} connects
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * The session of the connection: its negotiated subprotocol and extensions, its request, and
     * the sending methods this class does not wrap (fragments, pongs).
     *
     * @return the client's session
     */
    public Session session() {
        return session;
    }

    /**
     * How long {@code await...} methods wait when no duration is given.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends a text message and waits until it is written.
     *
     * @param text the message
     * @return this client
     * @throws AssertionError if it cannot be sent (the connection is closed)
     */
    public TestClient sendText(String text) {
        await(session.sendText(text), "send text " + Formats.quoted(text));
        return this;
    }

    /**
     * Sends a binary message and waits until it is written.
     *
     * @param bytes the message
     * @return this client
     * @throws AssertionError if it cannot be sent (the connection is closed)
     */
    public TestClient sendBinary(byte[] bytes) {
        await(session.sendBinary(ByteBuffer.wrap(bytes.clone())), "send binary " + Formats.bytes(bytes));
        return this;
    }

    /**
     * Sends a ping and waits until it is written; the peer's pong arrives as an {@link Event.Pong}.
     *
     * @param payload at most 125 bytes
     * @return this client
     * @throws AssertionError if it cannot be sent (the connection is closed)
     */
    public TestClient sendPing(byte[] payload) {
        await(session.sendPing(ByteBuffer.wrap(payload.clone())), "send ping " + Formats.bytes(payload));
        return this;
    }

    /**
     * The next text message, waiting up to the {@linkplain #timeout() timeout}.
     *
     * @return the message
     * @throws AssertionError if none arrives in time, the connection closes first, or the next
     *                        message is binary
     */
    public String awaitText() {
        return awaitText(timeout);
    }

    /**
     * The next text message, waiting up to {@code within}.
     *
     * @param within how long to wait
     * @return the message
     * @throws AssertionError if none arrives in time, the connection closes first, or the next
     *                        message is binary
     */
    public String awaitText(Duration within) {
        return ((Event.Text) next("a text message", Event.Text.class, within)).text();
    }

    /**
     * Waits for the next text message and checks that it is {@code expected}.
     *
     * @param expected the text the next message must have
     * @return this client
     * @throws AssertionError if the next message is another text, is binary, or does not come
     */
    public TestClient assertNextText(String expected) {
        String actual = awaitText();
        if (!actual.equals(expected)) {
            throw failure("expected text " + Formats.quoted(expected) + ", got text " + Formats.quoted(actual));
        }
        return this;
    }

    /**
     * The first text message that {@code matching} accepts, consuming the messages before it
     * (text it rejects, and binary), waiting up to the {@linkplain #timeout() timeout}.
     *
     * @param matching the condition on the text
     * @return the message
     * @throws AssertionError if no such message arrives in time or before the close
     */
    public String awaitText(Predicate<? super String> matching) {
        Objects.requireNonNull(matching, "matching");
        Event found = awaitMessage(e -> e instanceof Event.Text t && matching.test(t.text()), timeout,
                "a text message matching the condition");
        return ((Event.Text) found).text();
    }

    /**
     * The next binary message, waiting up to the {@linkplain #timeout() timeout}.
     *
     * @return the message's bytes
     * @throws AssertionError if none arrives in time, the connection closes first, or the next
     *                        message is text
     */
    public byte[] awaitBinary() {
        return awaitBinary(timeout);
    }

    /**
     * The next binary message, waiting up to {@code within}.
     *
     * @param within how long to wait
     * @return the message's bytes
     * @throws AssertionError if none arrives in time, the connection closes first, or the next
     *                        message is text
     */
    public byte[] awaitBinary(Duration within) {
        return ((Event.Binary) next("a binary message", Event.Binary.class, within)).bytes();
    }

    /**
     * The first data message ({@link Event.Text} or {@link Event.Binary}) that {@code matching}
     * accepts, consuming the messages before it, waiting up to the {@linkplain #timeout() timeout}.
     *
     * @param matching the condition on the message
     * @return the message
     * @throws AssertionError if no such message arrives in time or before the close
     */
    public Event awaitMessage(Predicate<? super Event> matching) {
        return awaitMessage(matching, timeout);
    }

    /**
     * The first data message that {@code matching} accepts, consuming the messages before it,
     * waiting up to {@code within}.
     *
     * @param matching the condition on the message
     * @param within   how long to wait
     * @return the message
     * @throws AssertionError if no such message arrives in time or before the close
     */
    public Event awaitMessage(Predicate<? super Event> matching, Duration within) {
        return awaitMessage(Objects.requireNonNull(matching, "matching"), within, "a message matching the condition");
    }

    /**
     * Checks that no data message is left unconsumed, nor arrives during {@code quiet} (or until
     * the connection closes, if sooner). Pings, pongs and the close do not count.
     *
     * @param quiet how long to watch
     * @throws AssertionError naming the first such message
     */
    public void assertNoMoreMessages(Duration quiet) {
        Optional<Event> message = waiting("no more messages", () -> log.peekMessage(deadline(quiet)));
        if (message.isPresent()) {
            throw failure("expected no more messages for " + Formats.duration(quiet) + ", got " + message.get());
        }
    }

    /**
     * Waits up to the {@linkplain #timeout() timeout} for the connection to close.
     *
     * @return the close code and reason: the peer's, or the one this side failed with, or 1006
     *         if the connection ended without a close handshake
     * @throws AssertionError if it is still open after the timeout
     */
    public CloseReason awaitClose() {
        return awaitClose(timeout);
    }

    /**
     * Waits up to {@code within} for the connection to close.
     *
     * @param within how long to wait
     * @return the close code and reason, as for {@link #awaitClose()}
     * @throws AssertionError if it is still open after {@code within}
     */
    public CloseReason awaitClose(Duration within) {
        Optional<Event.Closed> closed = waiting("the close", () -> log.awaitClosed(deadline(within)));
        if (closed.isEmpty()) {
            throw failure("expected the connection to close within " + Formats.duration(within)
                    + ", but it is still open");
        }
        return closed.get().reason();
    }

    /**
     * Waits for the close and checks its code.
     *
     * @param code the expected close code, e.g. 1008
     * @return the close code and reason
     * @throws AssertionError if the code differs, or the connection does not close in time
     */
    public CloseReason assertClosedWith(int code) {
        CloseReason reason = awaitClose();
        if (reason.code() != code) {
            throw failure("expected close code " + code + ", got " + Formats.closeReason(reason));
        }
        return reason;
    }

    /**
     * Waits for the close and checks its code and reason phrase.
     *
     * @param code   the expected close code
     * @param reason the expected reason phrase ({@code ""} for none)
     * @return the close code and reason
     * @throws AssertionError if the code or the reason differs, or the connection does not close in time
     */
    public CloseReason assertClosedWith(int code, String reason) {
        CloseReason actual = awaitClose();
        if (actual.code() != code || !actual.reason().equals(reason)) {
            throw failure("expected close " + Formats.closeReason(new CloseReason(code, reason)) + ", got "
                    + Formats.closeReason(actual));
        }
        return actual;
    }

    /**
     * Starts the close handshake and waits for it to end.
     *
     * @param code   the close code to send, e.g. 1000
     * @param reason the reason phrase, at most 123 UTF-8 bytes
     * @return what the connection closed with (normally the peer's answer, which echoes the code)
     * @throws AssertionError if the close does not complete within the timeout
     */
    public CloseReason close(int code, String reason) {
        session.close(new CloseReason(code, reason));
        return awaitClose();
    }

    /**
     * Every event so far, in order, consumed or not.
     *
     * @return a snapshot
     */
    public List<Event> events() {
        return log.all();
    }

    /**
     * Every data message so far ({@link Event.Text} and {@link Event.Binary}), in order, consumed
     * or not.
     *
     * @return a snapshot
     */
    public List<Event> messages() {
        List<Event> messages = new ArrayList<>();
        for (Event e : log.all()) {
            if (e.isMessage()) {
                messages.add(e);
            }
        }
        return messages;
    }

    /**
     * Closes the connection with 1000 if it is still open, waits for the close handshake (at most
     * the timeout), and stops the client's threads. Never fails.
     */
    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close(CloseReason.NORMAL).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Closing is best effort: the client below closes whatever is left.
        } finally {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "TestClient[" + session.requestUri() + ", " + Formats.receivedSoFar(log.all()) + "]";
    }

    /** The next data message, which must be of {@code type}. */
    private Event next(String what, Class<? extends Event> type, Duration within) {
        Optional<Event> next = waiting(what, () -> log.takeMessage(deadline(within)));
        if (next.isEmpty()) {
            throw nothing(what, within);
        }
        if (!type.isInstance(next.get())) {
            throw failure("expected " + what + ", got " + next.get());
        }
        return next.get();
    }

    private Event awaitMessage(Predicate<? super Event> matching, Duration within, String what) {
        long deadline = deadline(within);
        while (true) {
            Optional<Event> next = waiting(what, () -> log.takeMessage(deadline));
            if (next.isEmpty()) {
                throw nothing(what, within);
            }
            if (matching.test(next.get())) {
                return next.get();
            }
        }
    }

    /** Nothing came: the connection closed with no message left, or the time ran out. */
    private AssertionError nothing(String what, Duration within) {
        Optional<Event.Closed> closed = log.closed();
        if (closed.isPresent()) {
            return failure("expected " + what + ", but the connection closed with "
                    + Formats.closeReason(closed.get().reason()) + " and no message was left");
        }
        return failure("expected " + what + " within " + Formats.duration(within) + ", got nothing");
    }

    private AssertionError failure(String message) {
        return new AssertionError(message + "; " + Formats.receivedSoFar(log.all()));
    }

    private static long deadline(Duration within) {
        if (within.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + within);
        }
        return System.nanoTime() + within.toNanos();
    }

    private interface Wait<T> {
        T call() throws InterruptedException;
    }

    private <T> T waiting(String what, Wait<T> wait) {
        try {
            return wait.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    private void await(CompletionStage<Void> stage, String what) {
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError("could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("could not " + what + " within " + Formats.duration(timeout)
                    + " (the peer reads nothing?)", e);
        } catch (RuntimeException e) {
            throw new AssertionError("could not " + what + ": " + e, e);
        }
    }

    /**
     * How a {@link TestClient} connects: subprotocols and headers to send, the timeout of its
     * waits, the client's configuration.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final URI uri;
        private final ConnectOptions.Builder options = ConnectOptions.builder();
        private ClientConfig config = ClientConfig.builder().build();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * The subprotocols to offer, most preferred first. Default: none.
         *
         * @param names the subprotocols
         * @return this builder
         */
        public Builder subprotocols(String... names) {
            options.subprotocols(names);
            return this;
        }

        /**
         * Adds a request header to the upgrade request, e.g. {@code Authorization} or {@code Origin}.
         *
         * @param name  the header's name (not one the handshake sets itself)
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            options.header(name, value);
            return this;
        }

        /**
         * How long connecting, sending and the {@code await...} methods without a duration wait.
         * Default: {@link TestClient#DEFAULT_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The configuration of the underlying {@link WebSocketClient}: TLS trust for {@code wss://},
         * message size limits, extensions. Default: {@link ClientConfig#defaults()}.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Connects, waiting up to the timeout for the handshake.
         *
         * @return the connected client
         * @throws AssertionError if the connection or its handshake fails, or takes longer than
         *                        the timeout; the cause says why (for a refused upgrade, a
         *                        {@link dev.wsf.api.HandshakeRejectedException})
         */
        public TestClient connect() {
            EventLog log = new EventLog();
            WebSocketClient client = WebSocketClient.create(config);
            try {
                Session session = client.connect(uri, new Recorder(log), options.build())
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new TestClient(client, log, session, timeout);
            } catch (InterruptedException e) {
                client.close();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while connecting to " + uri, e);
            } catch (ExecutionException e) {
                client.close();
                throw new AssertionError("could not connect to " + uri + ": " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                client.close();
                throw new AssertionError("could not connect to " + uri + " within " + Formats.duration(timeout), e);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
    }
}
