package dev.wsf.runtime;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.client.ClientConnector;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.frame.FrameEncoder;
import dev.wsf.runtime.http.AcceptKey;
import dev.wsf.runtime.io.MemoryAccount;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.ReadPause;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.server.ServerContext;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.session.SessionSettings;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the engine's own code paths once, in memory, before the first connection: handshakes
 * accepted and refused, messages, pings, every way a session ends, on the server and the client.
 *
 * <p>Why: the first use of a class loads it, and loading can fail for reasons that have nothing
 * to do with the class, such as a process out of file descriptors (a class read from a
 * directory needs one). The JVM then remembers the failed resolution for good, so a server that
 * once brushed its descriptor limit would never again answer a close frame. Loaded at start,
 * while descriptors are plentiful, the close and failure paths cannot be broken that way later.
 *
 * <p>Two steps: every class of the runtime and the API is loaded (not initialized) from where it
 * lives, a directory or a jar, so no later first use needs a file; then the scenarios below run,
 * which also creates the hidden classes of lambdas and initializes what they touch.
 */
final class Warmup {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private Warmup() {
    }

    /** Runs once per JVM; later calls return at once. */
    static void run() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            ClassPreloader.loadAll(Warmup.class, "dev/wsf/runtime/");
            ClassPreloader.loadAll(dev.wsf.api.Session.class, "dev/wsf/api/");
            server();
            client();
        } catch (RuntimeException e) {
            System.getLogger(Warmup.class.getName()).log(System.Logger.Level.DEBUG, "warm-up failed", e);
        }
    }

    private static void server() {
        EndpointDefinition echo = EndpointDefinition.builder("/warmup", request -> new Echo())
                .dispatch(Dispatch.IO_THREAD).maxTextMessageSize(1024).maxBinaryMessageSize(1024).build();
        ServerContext context = new ServerContext(ServerConfig.builder().build(), List.of(echo), null, Runnable::run,
                false);
        dev.wsf.runtime.observe.Observers.of(new dev.wsf.api.metrics.WebSocketMetrics() { }); // loads the JFR events
        byte[] upgrade = ("GET /warmup?x=1 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        // Messages of every kind, then the peer's close frame, answered; then its end of stream.
        Memory a = Memory.serving(context);
        a.read(upgrade);
        a.read(masked(Opcode.TEXT, true, "hello"), masked(Opcode.BINARY, true, "bin"),
                masked(Opcode.TEXT, false, "frag"), masked(Opcode.PING, true, "p"), masked(Opcode.CONTINUATION, true, "ment"),
                masked(Opcode.PONG, true, ""), closeFrame(1000, "bye"));
        a.eof();

        // A protocol violation, then the lingering that follows it, ended by the peer.
        Memory b = Memory.serving(context);
        b.read(upgrade);
        b.read(new byte[] {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0}); // reserved opcode
        b.eof();

        // A message over the limit; a close with an invalid code; a shed session; a broken connection.
        Memory c = Memory.serving(context);
        c.read(upgrade);
        c.read(masked(Opcode.BINARY, true, "x".repeat(2000)));
        Memory d = Memory.serving(context);
        d.read(upgrade);
        d.read(closeFrame(999, ""));
        Memory e = Memory.serving(context);
        e.read(upgrade);
        e.protocol.onOverload();
        e.run();
        Memory f = Memory.serving(context);
        f.read(upgrade);
        f.protocol.onTick(System.nanoTime()); // an open session's timers: idle timeout, heartbeat
        f.run();
        f.protocol.onShutdown();
        f.run();
        f.protocol.onTick(System.nanoTime() + 60_000_000_000L);
        f.run();
        for (Memory m : List.of(c, d, e, f)) {
            m.lost();
        }

        // Why a connection stops reading: only once a peer falls behind, which may be late.
        for (ReadPause reason : ReadPause.values()) {
            reason.bit();
        }

        // Refusals: a malformed request, an unknown path, a request that never ends in time.
        Memory.serving(context).read("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Memory.serving(context).read("GET /nothing HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Memory slow = Memory.serving(context);
        slow.read("GET /".getBytes(StandardCharsets.ISO_8859_1));
        slow.protocol.onTick(System.nanoTime() + 60_000_000_000L);
        slow.run();
    }

    private static void client() {
        ClientConfig config = ClientConfig.builder().build();
        EndpointDefinition endpoint = EndpointDefinition.forClient(request -> new Echo()).dispatch(Dispatch.IO_THREAD).build();
        SessionSettings settings = SessionSettings.of(dev.wsf.api.Role.CLIENT, config, endpoint, Runnable::run,
                new SessionCounters(), new dev.wsf.runtime.topic.TopicRegistry(), dev.wsf.api.metrics.WebSocketMetrics.NONE);
        ExtensionRegistry registry = ExtensionRegistry.of(List.of(), true, java.util.Set.of());
        for (int scenario = 0; scenario < 2; scenario++) {
            CompletableFuture<Session> result = new CompletableFuture<>();
            ClientConnector connector = new ClientConnector(URI.create("ws://localhost/warmup"), endpoint,
                    ConnectOptions.defaults(), settings, registry, 8192, 10_000_000_000L, 0, result);
            Memory m = new Memory();
            m.protocol = connector.start(m);
            m.run();
            Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(m.written());
            if (!key.find()) {
                return;
            }
            m.read(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + AcceptKey.of(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Session session = result.getNow(null);
            if (session == null) {
                return;
            }
            session.sendText("hello");
            session.sendPing(ByteBuffer.allocate(1));
            m.read(FrameEncoder.frame(Opcode.TEXT, true, 0, utf8("hi"), false, 0).array());
            if (scenario == 0) {
                session.close(new CloseReason(1000, "bye"));
                m.run();
                m.read(FrameEncoder.frame(Opcode.CLOSE, true, 0, ByteBuffer.wrap(new byte[] {3, (byte) 0xe8}), false, 0)
                        .array());
                m.eof();
            } else {
                m.read(new byte[] {(byte) 0x81, (byte) 0x85}); // a masked frame from a server
                m.lost();
            }
        }
    }

    private static byte[] masked(Opcode opcode, boolean fin, String payload) {
        return FrameEncoder.frame(opcode, fin, 0, utf8(payload), true, 0x12345678).array();
    }

    private static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).flip();
        return FrameEncoder.frame(Opcode.CLOSE, true, 0, payload, true, 0x12345678).array();
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Echoes what it gets, as the runtime's own stand-in for an application. */
    private static final class Echo implements EndpointHandler {
        @Override
        public void onText(Session session, String message) {
            session.sendText(message);
        }

        @Override
        public void onBinary(Session session, ByteBuffer message) {
            session.sendBinary(message);
        }
    }

    /** A transport in memory: writes are kept, tasks run when the warm-up says so. */
    private static final class Memory implements Transport {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private final MemoryAccount memory = MemoryAccount.detached();
        private Protocol protocol;
        private boolean open = true;

        static Memory serving(ServerContext context) {
            Memory m = new Memory();
            m.protocol = context.newConnection(m);
            return m;
        }

        void read(byte[]... chunks) {
            for (byte[] chunk : chunks) {
                if (open) {
                    protocol.onRead(ByteBuffer.wrap(chunk));
                }
                run();
            }
        }

        void eof() {
            if (open) {
                protocol.onEof();
            }
            run();
        }

        /** The connection breaks. */
        void lost() {
            if (open) {
                open = false;
                Protocol p = protocol;
                tasks.add(() -> p.onClosed(new java.io.IOException("warm-up: connection lost")));
            }
            run();
        }

        void run() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }

        String written() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void enqueue(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
            write(first);
            write(second);
            if (done != null) {
                done.complete(null);
            }
        }

        private void write(ByteBuffer b) {
            if (b != null) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.writeBytes(bytes);
            }
        }

        @Override
        public void enqueueUrgent(ByteBuffer frame, CompletableFuture<Void> done) {
            enqueue(frame, null, done);
        }

        @Override
        public void discardQueued() {
        }

        @Override
        public void flush() {
        }

        @Override
        public void flushNow() {
        }

        @Override
        public void beginBatch() {
        }

        @Override
        public void endBatch() {
        }

        @Override
        public boolean isReadBuffer(ByteBuffer buffer) {
            return false;
        }

        @Override
        public long bufferedBytes() {
            return 0;
        }

        @Override
        public long bytesWritten() {
            return out.size();
        }

        @Override
        public void pauseReading(ReadPause reason) {
        }

        @Override
        public void resumeReading(ReadPause reason) {
        }

        @Override
        public MemoryAccount memory() {
            return memory;
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                Protocol p = protocol;
                tasks.add(() -> p.onClosed(null));
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public boolean inIoThread() {
            return true;
        }

        @Override
        public void setProtocol(Protocol protocol) {
            this.protocol = protocol;
        }

        @Override
        public long lastActivityNanos() {
            return System.nanoTime();
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }
    }
}
