package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointFactory;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.frame.FrameParser;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket connection after the handshake: reads frames, runs the close handshake, answers
 * pings, sends heartbeats, and gives the application its {@link Session}.
 *
 * <h2>Threads</h2>
 * Input is parsed and callbacks run inside a {@link SerialExecutor}: inline on the I/O thread for
 * {@link Dispatch#IO_THREAD}, or on the worker executor for {@link Dispatch#WORKER}, which gets
 * its own copy of the bytes, in order, and stops the socket's reads when it falls too far behind.
 * Sending and the close state are guarded by one lock, so any thread may send.
 *
 * <h2>Closing</h2>
 * OPEN becomes CLOSE_SENT when this side starts the close handshake, and CLOSED when the peer's
 * close frame arrives, the connection fails, or the transport goes away. The application hears
 * {@code onClose} exactly once, as soon as the outcome is known; the returned close stage
 * completes once the socket itself is closed.
 */
public final class WebSocketSession implements Session, Protocol, ControlFrameHandler {
    private static final System.Logger LOG = System.getLogger(WebSocketSession.class.getName());

    private enum State { OPEN, CLOSE_SENT, CLOSED }

    private final String id;
    private final HandshakeRequest request;
    private final Optional<String> subprotocol;
    private final ExtensionChain chain;
    private final SessionSettings settings;
    private final Transport transport;
    private final EndpointFactory factory;

    private final ReentrantLock lock = new ReentrantLock();
    private final SerialExecutor serial;
    private final Callbacks callbacks;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private final FrameListener inbound;
    private final Outbound outbound;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Map<String, Object> userProperties;

    private volatile State state = State.OPEN;
    private long deadlineNanos; // close handshake or linger deadline; guarded by lock
    private final Heartbeat heartbeat;
    private final InputQueue input;
    private final Runnable drainTask = this::drainInput;

    public WebSocketSession(String id, HandshakeRequest request, Optional<String> subprotocol, ExtensionChain chain,
                            SessionSettings settings, Transport transport, EndpointFactory factory) {
        this.id = id;
        this.request = request;
        this.subprotocol = subprotocol;
        this.chain = chain;
        this.settings = settings;
        this.transport = transport;
        this.factory = factory;
        this.serial = new SerialExecutor(settings.dispatch() == Dispatch.WORKER
                ? settings.workerExecutor()
                : task -> {
                    if (transport.inIoThread()) {
                        task.run();
                    } else {
                        transport.execute(task);
                    }
                });
        this.callbacks = new Callbacks(this);
        this.parser = new FrameParser(settings.role(), settings.maxFrameSize());
        this.parser.allowRsv(chain.rsvBits());
        this.assembler = new MessageAssembler(callbacks, this, settings);
        this.outbound = new Outbound(transport, settings.role() == Role.CLIENT, chain);
        if (chain.isEmpty()) {
            this.inbound = assembler;
        } else {
            chain.connect(frame -> FrameCollector.deliver(assembler, frame), outbound::write);
            this.inbound = new FrameCollector(chain, assembler);
        }
        this.heartbeat = new Heartbeat(settings.heartbeatIntervalNanos(), settings.heartbeatTimeoutNanos(),
                System.nanoTime());
        this.input = new InputQueue(transport);
    }

    /** Creates the handler and calls {@code onOpen}; input that arrives meanwhile waits its turn. */
    public void start() {
        start(() -> { });
    }

    /** Like {@link #start()}, then runs {@code afterOpen} in the same turn, before any message. */
    public void start(Runnable afterOpen) {
        serial.execute(() -> {
            callbacks.open(factory, request);
            afterOpen.run();
        });
    }

    // ---- Protocol: events from the transport, on the I/O thread ----

    @Override
    public void onRead(ByteBuffer data) {
        if (settings.dispatch() == Dispatch.IO_THREAD && serial.tryEnter()) {
            try {
                parse(data);
            } finally {
                serial.exit();
            }
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        queueInput(copy);
    }

    @Override
    public void onEof() {
        queueInput(InputQueue.END_OF_INPUT);
    }

    @Override
    public void onTick(long now) {
        State s = state;
        if (s != State.OPEN) {
            boolean expired;
            lock.lock();
            try {
                expired = deadlineNanos != 0 && now - deadlineNanos > 0;
            } finally {
                lock.unlock();
            }
            if (expired) {
                abort(s == State.CLOSE_SENT ? "the peer did not answer the close handshake" : null);
            }
            return;
        }
        if (settings.idleTimeoutNanos() > 0 && now - transport.lastActivityNanos() > settings.idleTimeoutNanos()) {
            close(new CloseReason(CloseCode.GOING_AWAY, "idle timeout"));
            return;
        }
        switch (heartbeat.tick(now)) {
            case PING -> sendControl(Opcode.PING, ByteBuffer.allocate(8).putLong(0, now));
            case GIVE_UP -> abort("no pong within " + heartbeat.timeoutMillis() + " ms");
            default -> { }
        }
    }

    @Override
    public void onShutdown() {
        close(new CloseReason(CloseCode.GOING_AWAY, "server shutting down"));
    }

    @Override
    public void onClosed(Throwable cause) {
        state = State.CLOSED;
        serial.execute(() -> {
            if (cause != null) {
                callbacks.error(cause);
            }
            callbacks.closed(new CloseReason(CloseCode.ABNORMAL_CLOSURE, cause == null ? "" : "connection lost"));
            parser.stop();
            assembler.discard();
            lock.lock();
            try {
                chain.close();
            } finally {
                lock.unlock();
            }
            closed.complete(null);
        });
    }

    // ---- input ----

    private void queueInput(ByteBuffer chunk) {
        if (input.add(chunk)) {
            serial.execute(drainTask);
        }
    }

    /** Parses queued input on the serial executor; a worker batches the writes its callbacks make. */
    private void drainInput() {
        boolean batch = !transport.inIoThread();
        if (batch) {
            transport.beginBatch();
        }
        try {
            for (ByteBuffer chunk = input.poll(); chunk != null; chunk = input.poll()) {
                if (chunk == InputQueue.END_OF_INPUT) {
                    endOfInput();
                } else {
                    parse(chunk);
                }
            }
        } finally {
            if (batch) {
                transport.endBatch();
            }
        }
    }

    private void parse(ByteBuffer data) {
        try {
            parser.parse(data, inbound);
        } catch (CloseException e) {
            fail(e);
        } catch (RuntimeException e) { // an extension failed
            fail(new CloseException(CloseCode.INTERNAL_ERROR, "extension failed: " + e, e));
        }
    }

    private void endOfInput() {
        lock.lock();
        try {
            state = State.CLOSED;
        } finally {
            lock.unlock();
        }
        parser.stop();
        transport.close();
        callbacks.closed(new CloseReason(CloseCode.ABNORMAL_CLOSURE, "connection closed without a close frame"));
    }

    @Override
    public void onControlFrame(Opcode opcode, ByteBuffer payload) {
        switch (opcode) {
            case PING -> {
                if (state == State.OPEN) {
                    ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
                    sendControl(Opcode.PONG, copy);
                    callbacks.ping(payload);
                }
            }
            case PONG -> {
                heartbeat.pongReceived();
                callbacks.pong(payload);
            }
            case CLOSE -> onCloseFrame(payload);
            default -> throw new IllegalArgumentException(opcode.name());
        }
    }

    private void onCloseFrame(ByteBuffer payload) {
        CloseReason reason = CloseFrames.parse(payload);
        parser.stop();
        boolean reply;
        lock.lock();
        try {
            reply = state == State.OPEN;
            state = State.CLOSED;
            if (reply) {
                outbound.sendClose(reason);
            }
            // A server closes the TCP connection first; a client waits for it to. Either way, not forever.
            deadlineNanos = System.nanoTime() + settings.closeTimeoutNanos();
        } finally {
            lock.unlock();
        }
        if (settings.role() == Role.SERVER) {
            transport.closeAfterFlush();
        } else {
            transport.flush();
        }
        callbacks.closed(reason);
    }

    /** Fails the connection (RFC 6455 section 7.1.7): close frame with the code, then end the stream. */
    private void fail(CloseException e) {
        parser.stop();
        CloseReason reason = new CloseReason(e.closeCode(), CloseFrames.fitReason(e.getMessage()));
        boolean wasOpen;
        lock.lock();
        try {
            wasOpen = state == State.OPEN;
            if (state != State.CLOSED) {
                state = State.CLOSED;
                if (wasOpen) {
                    outbound.sendClose(reason);
                }
                // Keep reading until the peer closes too, so our close frame is not lost to a reset.
                deadlineNanos = System.nanoTime() + settings.closeTimeoutNanos();
            }
        } finally {
            lock.unlock();
        }
        transport.shutdownOutput();
        callbacks.error(e);
        callbacks.closed(reason);
    }

    private void abort(String why) {
        if (why != null) {
            serial.execute(() -> callbacks.closed(new CloseReason(CloseCode.ABNORMAL_CLOSURE, CloseFrames.fitReason(why))));
        }
        state = State.CLOSED;
        transport.close();
    }

    // ---- Session ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public Role role() {
        return settings.role();
    }

    @Override
    public URI requestUri() {
        return request.requestUri();
    }

    @Override
    public Map<String, String> pathParameters() {
        return request.pathParameters();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return request.queryParameters();
    }

    @Override
    public HandshakeRequest handshakeRequest() {
        return request;
    }

    @Override
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    @Override
    public List<ExtensionConfig> extensions() {
        return chain.configs();
    }

    @Override
    public Map<String, Object> userProperties() {
        Map<String, Object> props = userProperties;
        if (props == null) {
            lock.lock();
            try {
                if (userProperties == null) {
                    userProperties = new ConcurrentHashMap<>(4);
                }
                props = userProperties;
            } finally {
                lock.unlock();
            }
        }
        return props;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public long bufferedAmount() {
        return transport.bufferedBytes();
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence text) {
        return sendText(text, true);
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence fragment, boolean last) {
        if (!last && fragment.length() > 0 && Character.isHighSurrogate(fragment.charAt(fragment.length() - 1))) {
            throw new IllegalArgumentException("a text fragment must not end inside a surrogate pair");
        }
        ByteBuffer bytes = fragment instanceof String s
                ? ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))
                : StandardCharsets.UTF_8.encode(CharBuffer.wrap(fragment));
        return sendData(Opcode.TEXT, bytes, last);
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        return sendData(Opcode.BINARY, data, true);
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer fragment, boolean last) {
        return sendData(Opcode.BINARY, fragment, last);
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer payload) {
        return sendControl(Opcode.PING, payload);
    }

    @Override
    public CompletionStage<Void> sendPong(ByteBuffer payload) {
        return sendControl(Opcode.PONG, payload);
    }

    private CompletionStage<Void> sendData(Opcode type, ByteBuffer payload, boolean last) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean overflow = false;
        lock.lock();
        try {
            if (state != State.OPEN) {
                done.completeExceptionally(new WebSocketException("session " + id + " is closed"));
                return done;
            }
            long queued = transport.bufferedBytes();
            if (queued > 0 && queued + payload.remaining() > settings.maxBufferedOutput()) {
                overflow = true;
            } else {
                outbound.sendData(type, payload, last, done);
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            done.completeExceptionally(new WebSocketException("session " + id + ": the peer reads too slowly, "
                    + settings.maxBufferedOutput() + " bytes are already queued"));
            close(new CloseReason(CloseCode.POLICY_VIOLATION, "slow consumer"));
        }
        transport.flush();
        return done;
    }

    private CompletionStage<Void> sendControl(Opcode opcode, ByteBuffer payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (state != State.OPEN) {
                done.completeExceptionally(new WebSocketException("session " + id + " is closed"));
                return done;
            }
            outbound.sendControl(opcode, payload, done);
        } finally {
            lock.unlock();
        }
        transport.flush();
        return done;
    }

    @Override
    public CompletionStage<Void> close(CloseReason reason) {
        if (!CloseCode.isSendable(reason.code())) {
            throw new IllegalArgumentException("close code " + reason.code() + " may not be sent; see CloseCode.isSendable");
        }
        boolean sent = false;
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.CLOSE_SENT;
                outbound.sendClose(reason);
                deadlineNanos = System.nanoTime() + settings.closeTimeoutNanos();
                sent = true;
            }
        } finally {
            lock.unlock();
        }
        if (sent) {
            transport.flush();
        }
        return closed.minimalCompletionStage();
    }

    @Override
    public void sendTextAndAwait(CharSequence text) {
        awaitOffIoThread(sendText(text));
    }

    @Override
    public void sendBinaryAndAwait(ByteBuffer data) {
        awaitOffIoThread(sendBinary(data));
    }

    @Override
    public void sendPingAndAwait(ByteBuffer payload) {
        awaitOffIoThread(sendPing(payload));
    }

    @Override
    public void closeAndAwait(CloseReason reason) {
        awaitOffIoThread(close(reason));
    }

    /** Blocks for a send; only the I/O thread can complete it, so it must never be the one waiting. */
    private void awaitOffIoThread(CompletionStage<Void> stage) {
        if (transport.inIoThread()) {
            throw new IllegalStateException("a blocking send on an I/O thread would wait forever: use the"
                    + " asynchronous send, or Dispatch.WORKER for this endpoint");
        }
        transport.flushNow(); // a worker batching its writes must not wait for its own batch to end
        Session.await(stage);
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + id + ", " + state + ", " + request.path() + "]";
    }
}
