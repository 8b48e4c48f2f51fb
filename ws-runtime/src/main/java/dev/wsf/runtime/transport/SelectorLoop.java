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
 */
final class SelectorLoop implements Executor {
    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final long tickNanos;
    /** Shared by every connection of this loop: an idle connection holds no read buffer. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Set<NioConnection> connections = new HashSet<>();
    private final List<NioConnection> dirty = new ArrayList<>();
    private volatile int connectionCount;
    private volatile boolean running = true;
    private long nextTick;
    private java.util.function.LongConsumer tickHook = now -> { };

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

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
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
        while (running) {
            try {
                long timeout = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
                selector.select(SelectorLoop::dispatch, timeout);
                wakeupPending.set(false);
                runTasks();
                flushDirty();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + tickNanos;
                    tickHook.accept(now);
                    for (NioConnection c : new ArrayList<>(connections)) {
                        c.tick(now);
                    }
                    flushDirty();
                }
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "I/O loop " + thread.getName() + " caught an unexpected error", t);
            }
        }
        for (NioConnection c : new ArrayList<>(connections)) {
            c.closeNow(null);
        }
        runTasks();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the selector failed", e);
        }
    }

    private static void dispatch(SelectionKey key) {
        ((Selectable) key.attachment()).onSelected(key.readyOps());
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
                LOG.log(System.Logger.Level.ERROR, "task on I/O loop " + thread.getName() + " failed", e);
            }
        }
        if (!tasks.isEmpty()) {
            wakeup();
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) { // a flush may mark more connections dirty
            dirty.get(i).flushFromLoop();
        }
        dirty.clear();
    }
}
