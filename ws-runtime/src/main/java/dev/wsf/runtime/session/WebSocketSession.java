package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointFactory;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.topic.SharedFrame;
import dev.wsf.runtime.topic.Subscription;
import dev.wsf.runtime.topic.TopicMember;
import dev.wsf.api.Topics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
 * One WebSocket connection after the handshake, and the application's {@link Session}: this
 * class wires the parts together and answers the transport's events. The parts:
 * <ul>
 *   <li>{@link Inbound}: bytes to frames to messages, on the session's {@link SerialExecutor};</li>
 *   <li>{@link CloseHandshake} over {@link SessionLifecycle}: every step of the session's end;</li>
 *   <li>{@link Sender} over {@link Outbound}: sending from any thread, under the session lock;</li>
 *   <li>{@link SessionTimers}: close deadline, idle timeout, heartbeat;</li>
 *   <li>{@link Callbacks}: the application's handler, kept from hurting the engine.</li>
 * </ul>
 * One lock (the session's) orders sends and lifecycle changes, so a close frame is never followed
 * by a message.
 */
public final class WebSocketSession implements Session, Protocol, TopicMember {
    private static final System.Logger LOG = System.getLogger(WebSocketSession.class.getName());
    private static final VarHandle TOPIC_NAMES;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TOPIC_NAMES = lookup.findVarHandle(WebSocketSession.class, "topicNames", Set.class);
            CLOSED = lookup.findVarHandle(WebSocketSession.class, "closed", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The number {@link #id()} is made from, on demand: a string per session would cost ~48 bytes. */
    private final long id;
    private final HandshakeRequest request;
    private final Optional<String> subprotocol;
    private final NegotiatedExtensions extensions;
    private final SessionSettings settings;
    private final Transport transport;
    private final EndpointFactory factory;

    private final ReentrantLock lock = new ReentrantLock();
    private final SerialExecutor serial;
    private final Callbacks callbacks;
    private final CloseHandshake handshake;
    private final Inbound inbound;
    private final Sender sender;
    private final SessionTimers timers;
    private final SessionTraffic traffic;
    /** The topics this session is in; null until it joins one, as most sessions never do. */
    private volatile Set<String> topicNames;
    /** Completes when the session has ended; created by the first close() or at the end. */
    private volatile CompletableFuture<Void> closed;
    private volatile Map<String, Object> userProperties;

    /**
     * A session over an upgraded connection; nothing reaches the handler before {@link #start()}.
     *
     * @param id the session's number among those of its server or client; see {@link #id()}
     * @param request the upgrade request, as {@code Session} shows it
     * @param subprotocol the subprotocol agreed, or empty
     * @param extensions the extensions agreed
     * @param settings the limits, threads and counters
     * @param transport the connection, now past the handshake
     * @param factory makes the handler when {@link #start()} runs
     */
    public WebSocketSession(long id, HandshakeRequest request, Optional<String> subprotocol,
                            NegotiatedExtensions extensions, SessionSettings settings, Transport transport,
                            EndpointFactory factory) {
        this.id = id;
        this.request = request;
        this.subprotocol = subprotocol;
        this.extensions = extensions;
        this.settings = settings;
        this.transport = transport;
        this.factory = factory;
        Hooks hooks = new Hooks();
        this.serial = new SerialExecutor(settings.dispatch() == Dispatch.WORKER ? settings.workerExecutor() : hooks,
                hooks);
        this.callbacks = new Callbacks(this);

        this.traffic = new SessionTraffic(settings);
        MessageAssembler assembler = new MessageAssembler(callbacks, hooks, settings, transport.memory(),
                traffic);
        Outbound outbound = new Outbound(transport, settings.role() == Role.CLIENT, extensions, assembler);
        ExtensionChain chain = outbound.chain();
        this.handshake = new CloseHandshake(lock, transport, outbound, serial, callbacks, settings);
        FrameCollector collector = chain == null ? null : new FrameCollector(chain, assembler, transport.memory());
        this.inbound = new Inbound(settings, assembler, collector, serial, transport, handshake);
        this.handshake.bind(inbound, hooks);
        this.sender = new Sender(this, lock, outbound, transport, settings.maxBufferedOutput(), handshake, traffic);
        this.timers = new SessionTimers(settings, transport, handshake, sender);
        settings.metrics().sessionOpened(settings.endpointTag());
        settings.counters().opened(this);
    }

    /**
     * What the session's parts call back into it with: one object in four roles, where four
     * lambdas would cost every session four objects. Each role hands on to the session.
     */
    private final class Hooks implements Executor, Consumer<Throwable>, ControlFrameHandler, Runnable {
        /** The serial executor's target for IO_THREAD: inline on the I/O thread, or handed to it. */
        @Override
        public void execute(Runnable task) {
            if (transport.inIoThread()) {
                task.run();
            } else {
                transport.execute(task);
            }
        }

        /** A task on the serial executor failed. */
        @Override
        public void accept(Throwable t) {
            taskFailed(t);
        }

        @Override
        public void onControlFrame(Opcode opcode, ByteBuffer payload) {
            WebSocketSession.this.onControlFrame(opcode, payload);
        }

        /** The end of the session: lets go of what it holds. */
        @Override
        public void run() {
            release();
        }
    }

    /**
     * Closes the session with 1008 at {@code instant}: the credential it was accepted with expires.
     *
     * @param instant when the credential expires
     */
    public void expireAt(java.time.Instant instant) {
        timers.expireAt(instant);
    }

    /** Creates the handler and calls {@code onOpen}; input that arrives meanwhile waits its turn. */
    public void start() {
        start(() -> { });
    }

    /**
     * Like {@link #start()}, then runs {@code afterOpen} in the same turn, before any message.
     *
     * @param afterOpen runs on the session's callback thread after {@code onOpen}
     */
    public void start(Runnable afterOpen) {
        serial.execute(() -> {
            callbacks.open(factory, request);
            afterOpen.run();
        });
    }

    // ---- Protocol: events from the transport, on the I/O thread ----

    @Override
    public void onRead(ByteBuffer data) {
        inbound.onRead(data);
    }

    @Override
    public void onEof() {
        inbound.onEof();
    }

    @Override
    public void onTick(long now) {
        timers.tick(now);
        inbound.onTick();
    }

    @Override
    public void onShutdown() {
        handshake.close(new CloseReason(CloseCode.GOING_AWAY, "server shutting down"));
    }

    @Override
    public void onOverload() {
        LOG.log(System.Logger.Level.DEBUG, () -> "session " + id() + ": closing with 1013 to shed memory");
        handshake.overloaded();
    }

    @Override
    public void onClosed(Throwable cause) {
        handshake.transportClosed(cause);
    }

    /** Control frames from the peer, on the serial executor. */
    private void onControlFrame(Opcode opcode, ByteBuffer payload) {
        switch (opcode) {
            case PING -> {
                ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
                sender.control(Opcode.PONG, copy);
                callbacks.ping(payload);
            }
            case PONG -> {
                timers.pongReceived();
                callbacks.pong(payload);
            }
            case CLOSE -> handshake.closeReceived(CloseFrames.parse(payload));
            default -> throw new IllegalArgumentException(opcode.name());
        }
    }

    /** A task on the serial executor threw (out of memory, say): give up on the connection. */
    private void taskFailed(Throwable t) {
        try {
            LOG.log(System.Logger.Level.WARNING, "session " + id() + ": closing after an unexpected failure", t);
        } catch (Throwable ignored) {
            // the close below matters more
        }
        transport.close();
    }

    /** Lets go of what the session holds once its transport is gone; on the serial executor. */
    private void release() {
        settings.counters().ended(this);
        Set<String> topics = topicNames;
        if (topics != null) {
            settings.topics().leaveAll(this, List.copyOf(topics));
        }
        inbound.discard();
        lock.lock();
        try {
            extensions.close(); // under the lock: a sender may be using a compressor
        } finally {
            lock.unlock();
        }
        closed().complete(null);
    }

    private CompletableFuture<Void> closed() {
        CompletableFuture<Void> future = closed;
        if (future == null) {
            CLOSED.compareAndSet(this, null, new CompletableFuture<Void>()); // the first one created is kept
            future = closed;
        }
        return future;
    }

    // ---- TopicMember ----

    @Override
    public Executor deliveryThread() {
        return transport.ioThread();
    }

    @Override
    public boolean acceptsMessages() {
        return isOpen();
    }

    @Override
    public void deliver(SharedFrame frame, Subscription subscription) {
        try {
            sender.publish(frame, subscription, settings.role(), extensions);
        } catch (Throwable t) {
            taskFailed(t); // this session alone: the others of the fan-out go on
        }
    }

    @Override
    public void subscriptionsChanged(Subscription s, boolean joined) {
        Set<String> topics = topicNames;
        if (joined) {
            if (topics == null) {
                // joins may race on different threads: the first set created is the one kept
                TOPIC_NAMES.compareAndSet(this, null, ConcurrentHashMap.newKeySet(2));
                topics = topicNames;
            }
            topics.add(s.topic());
        } else if (topics != null) {
            topics.remove(s.topic());
        }
    }

    // ---- Session ----

    @Override
    public Topics topics() {
        return settings.topics();
    }

    /** The session's number; a client's sessions have a {@code c} in front, so the two never look alike. */
    @Override
    public String id() {
        return settings.role() == Role.CLIENT ? "c" + id : Long.toString(id);
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
        return extensions.configs();
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

    /** The client's address: the peer's, or the one a trusted proxy forwarded. */
    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public boolean isOpen() {
        return handshake.canSend();
    }

    @Override
    public long bufferedAmount() {
        return transport.bufferedBytes();
    }

    @Override
    public dev.wsf.api.SessionStats stats() {
        return traffic.snapshot(transport.bufferedBytes());
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence text) {
        return sender.data(Opcode.TEXT, utf8(text), true, true);
    }

    @Override
    public CompletionStage<Void> sendText(CharSequence fragment, boolean last) {
        if (!last && fragment.length() > 0 && Character.isHighSurrogate(fragment.charAt(fragment.length() - 1))) {
            throw new IllegalArgumentException("a text fragment must not end inside a surrogate pair");
        }
        return sender.data(Opcode.TEXT, utf8(fragment), last, false);
    }

    private static ByteBuffer utf8(CharSequence text) {
        return text instanceof String s
                ? ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))
                : StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer data) {
        return sender.data(Opcode.BINARY, data, true, true);
    }

    @Override
    public CompletionStage<Void> sendBinary(ByteBuffer fragment, boolean last) {
        return sender.data(Opcode.BINARY, fragment, last, false);
    }

    @Override
    public CompletionStage<Void> sendPing(ByteBuffer payload) {
        return sender.control(Opcode.PING, payload);
    }

    @Override
    public CompletionStage<Void> sendPong(ByteBuffer payload) {
        return sender.control(Opcode.PONG, payload);
    }

    @Override
    public CompletionStage<Void> close(CloseReason reason) {
        if (!CloseCode.isSendable(reason.code())) {
            throw new IllegalArgumentException("close code " + reason.code() + " may not be sent; see CloseCode.isSendable");
        }
        handshake.close(reason);
        return closed().minimalCompletionStage();
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
        return "WebSocketSession[" + id() + ", " + handshake + ", " + request.path() + "]";
    }
}
