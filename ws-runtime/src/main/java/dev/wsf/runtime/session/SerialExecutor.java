package dev.wsf.runtime.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in submission order, on a target executor: what keeps a session's
 * callbacks from ever running concurrently. A task submitted while another runs (from the same
 * thread or another) waits its turn, so callbacks never nest either. A task that throws is handed
 * to the failure handler (the session gives up on the connection), and the next one runs.
 */
final class SerialExecutor implements Executor, Runnable {
    private final Executor target;
    private final Consumer<Throwable> onFailure;
    // Guarded by this object's monitor, not a ReentrantLock: every session has one, and a monitor
    // costs nothing until contended. It is held for a few field updates only, never across a call
    // out, so a virtual thread holding it does not pin its carrier for long.
    /** Tasks waiting their turn; null while there are none, which is most of an idle session's life. */
    private ArrayDeque<Runnable> tasks;
    private boolean running;

    SerialExecutor(Executor target, Consumer<Throwable> onFailure) {
        this.target = target;
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (tasks == null) {
                tasks = new ArrayDeque<>(4);
            }
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        target.execute(this); // run(): a drain, handed over as this object, not a lambda of its own
    }

    /** Runs the tasks queued, in order, until there are none: what the target executor is given. */
    @Override
    public void run() {
        drain();
    }

    /**
     * Claims the executor for the calling thread to run work inline, without a hand-off.
     *
     * @return false if a task is running; the caller must then {@link #execute} instead
     */
    boolean tryEnter() {
        synchronized (this) {
            if (running) {
                return false;
            }
            running = true;
            return true;
        }
    }

    /** Releases a claim from {@link #tryEnter()}, first running the tasks queued meanwhile. */
    void exit() {
        drain();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks == null ? null : tasks.poll();
                if (next == null) {
                    tasks = null;
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable t) {
                try {
                    onFailure.accept(t);
                } catch (Throwable ignored) {
                    // out of memory again, most likely; the next task still runs
                }
            }
        }
    }
}
