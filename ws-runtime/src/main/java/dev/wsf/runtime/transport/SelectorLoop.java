package dev.wsf.runtime.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One I/O thread with its selector. It reads and writes for the connections registered with it,
 * runs tasks handed to it by other threads, flushes the writes its own callbacks queued once per
 * round (so they leave in one gathering write), and ticks every connection periodically so they
 * can enforce deadlines. No thread per connection: a server has about one loop per core.
 *
 * <h2>Failures</h2>
 * What a connection's code throws closes that connection (see {@link NioConnection}); a task,
 * timer or tick hook that throws is logged and the round goes on. If the loop's own machinery
 * keeps failing ({@value #MAX_FAILED_ROUNDS} rounds in a row, say its selector broke), the loop
 * gives up: it closes its connections, reports loudly and tells its owner through the death
 * handler, which stops the server instead of leaving a process that looks alive and serves
 * nobody.
 */
final class SelectorLoop implements Executor {
    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());
    static final int MAX_FAILED_ROUNDS = 10;
    /** Four records of the largest size TLS allows (16 KiB + 2 KiB of overhead). */
    private static final int TLS_BUFFER = 4 * (16 * 1024 + 2048);

    static {
        // Loaded with the loop, not at its first failure: that failure may come when no file
        // descriptor is left to read a class with (see Warmup), and if the report of it cannot
        // be loaded either, the loop dies.
        LoopFaults.class.getName();
    }

    private final Selector selector;
    private final Thread thread;
    private final long tickNanos;
    /**
     * Shared by every connection of this loop: an idle connection holds no read buffer. Direct,
     * so the socket reads into it without the JDK's copy through a temporary direct buffer.
     * 128 KiB: a frame cut by the end of a read is copied to be assembled, and a burst of four
     * 16 KiB frames is already more than 64 KiB.
     */
    private final ByteBuffer readBuffer = ReadBuffers.allocate(128 * 1024);
    /** Heap bytes on their way to a socket, copied here once; made at the first write. */
    private WriteStaging writeStaging;
    /** TLS records in and out, shared like the read buffer; made when the first TLS connection needs them. */
    private ByteBuffer tlsIn;
    private ByteBuffer tlsOut;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Set<NioConnection> connections = new HashSet<>();
    private final List<NioConnection> dirty = new ArrayList<>();
    private volatile int connectionCount;
    private volatile boolean running = true;
    private long nextTick;
    private final java.util.PriorityQueue<Timer> timers = new java.util.PriorityQueue<>();
    private long timerSequence;
    private java.util.function.LongConsumer tickHook = now -> { };
    private java.util.function.Consumer<Throwable> deathHandler = cause -> { };

    SelectorLoop(String name, long tickNanos) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.tickNanos = tickNanos;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        nextTick = System.nanoTime() + tickNanos;
        thread.start();
    }

    /** Also runs {@code hook} on every tick; set before {@link #start()}. */
    void onTick(java.util.function.LongConsumer hook) {
        this.tickHook = hook;
    }

    /** Called, on this loop's thread as it ends, if the loop gives up; set before {@link #start()}. */
    void onDeath(java.util.function.Consumer<Throwable> handler) {
        this.deathHandler = handler;
    }

    String name() {
        return thread.getName();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** The loop's staging buffer for writes to sockets; call on this loop. */
    WriteStaging writeStaging() {
        if (writeStaging == null) {
            writeStaging = new WriteStaging();
        }
        return writeStaging;
    }

    /** For TLS records read from the socket: room for several records of the largest size. */
    ByteBuffer tlsInBuffer() {
        if (tlsIn == null) {
            tlsIn = ByteBuffer.allocateDirect(TLS_BUFFER);
        }
        return tlsIn;
    }

    /** For TLS records on their way to the socket. */
    ByteBuffer tlsOutBuffer() {
        if (tlsOut == null) {
            tlsOut = ByteBuffer.allocateDirect(TLS_BUFFER);
        }
        return tlsOut;
    }

    int connectionCount() {
        return connectionCount;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            wakeup();
        }
    }

    void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Called on this loop when a connection joins or leaves it. */
    void added(NioConnection c) {
        connections.add(c);
        connectionCount = connections.size();
    }

    void removed(NioConnection c) {
        connections.remove(c);
        connectionCount = connections.size();
    }

    /** A task due at a point in time; cancelling it keeps it from running. */
    static final class Timer implements Comparable<Timer> {
        private final long due;
        private final long sequence;
        private final Runnable task;
        private volatile boolean cancelled;

        private Timer(long due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due - o.due, 0);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** Runs {@code task} on this loop after {@code delayNanos}; call on this loop. */
    Timer schedule(long delayNanos, Runnable task) {
        Timer t = new Timer(System.nanoTime() + delayNanos, timerSequence++, task);
        timers.add(t);
        return t;
    }

    /** Flushes {@code c} at the end of this round; called on this loop. */
    void markDirty(NioConnection c) {
        dirty.add(c);
    }

    /** Runs {@code action} on every connection of this loop (on the loop thread). */
    void forEachConnection(java.util.function.Consumer<NioConnection> action) {
        execute(() -> new ArrayList<>(connections).forEach(action));
    }

    /** Stops the loop; connections still open are closed. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void run() {
        Throwable fatal = null;
        int failedRounds = 0;
        while (running) {
            try {
                round();
                failedRounds = 0;
            } catch (Throwable t) {
                LoopFaults.loopFailed(thread.getName(), t);
                if (++failedRounds >= MAX_FAILED_ROUNDS) {
                    fatal = t;
                    break;
                }
            }
        }
        for (NioConnection c : new ArrayList<>(connections)) {
            c.closeNow(fatal);
        }
        runTasks();
        ReadBuffers.release(readBuffer);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the selector failed", e);
        }
        if (fatal != null) {
            reportDeath(fatal);
        }
    }

    private void round() throws IOException {
        long wakeAt = timers.isEmpty() || nextTick - timers.peek().due < 0 ? nextTick : timers.peek().due;
        long timeout = Math.max(1, (wakeAt - System.nanoTime()) / 1_000_000);
        if (tasks.isEmpty()) {
            selector.select(this::dispatch, timeout);
        } else {
            // A task queued on this loop after the last round's runTasks (by a timer, a
            // flush or a tick) did not wake the selector: do not wait for I/O to run it.
            selector.selectNow(this::dispatch);
        }
        wakeupPending.set(false);
        runTasks();
        runTimers();
        flushDirty();
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
            nextTick = now + tickNanos;
            try {
                tickHook.accept(now);
            } catch (RuntimeException | Error e) {
                LoopFaults.loopFailed(thread.getName(), e);
            }
            for (NioConnection c : new ArrayList<>(connections)) {
                c.tick(now); // contained per connection: one failing never skips the others
            }
            flushDirty();
        }
    }

    private void reportDeath(Throwable cause) {
        String message = "I/O loop " + thread.getName() + " failed " + MAX_FAILED_ROUNDS
                + " rounds in a row and stopped; its connections were closed";
        try {
            System.err.println("wsf: " + message + ": " + cause);
            LOG.log(System.Logger.Level.ERROR, message, cause);
        } catch (Throwable ignored) {
            // the handler below matters more
        }
        deathHandler.accept(cause);
    }

    private void dispatch(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            ((Selectable) attachment).onSelected(key.readyOps());
        } catch (RuntimeException | Error e) { // connections contain their own; this is the acceptor or a connector
            LoopFaults.loopFailed(thread.getName() + " (" + attachment + ")", e);
        }
    }

    private void runTasks() {
        for (int i = 0, n = tasks.size(); i < n; i++) { // tasks added meanwhile wait a round
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LoopFaults.loopFailed(thread.getName(), e);
            }
        }
        if (!tasks.isEmpty()) {
            wakeup();
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && now - timers.peek().due >= 0) {
            Timer t = timers.poll();
            if (!t.cancelled) {
                try {
                    t.task.run();
                } catch (RuntimeException | Error e) {
                    LoopFaults.loopFailed(thread.getName(), e);
                }
            }
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) { // a flush may mark more connections dirty
            dirty.get(i).flushFromLoop();
        }
        dirty.clear();
    }
}
