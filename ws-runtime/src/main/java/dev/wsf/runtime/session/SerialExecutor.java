package dev.wsf.runtime.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in submission order, on a target executor: what keeps a session's
 * callbacks from ever running concurrently. A task submitted while another runs (from the same
 * thread or another) waits its turn, so callbacks never nest either. A task that throws is handed
 * to the failure handler (the session gives up on the connection), and the next one runs.
 */
final class SerialExecutor implements Executor {
    private final Executor target;
    private final Consumer<Throwable> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Runnable drainer = this::drain;
    private ArrayDeque<Runnable> tasks;
    private boolean running;

    SerialExecutor(Executor target, Consumer<Throwable> onFailure) {
        this.target = target;
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            if (tasks == null) {
                tasks = new ArrayDeque<>(4);
            }
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        target.execute(drainer);
    }

    /**
     * Claims the executor for the calling thread to run work inline, without a hand-off.
     *
     * @return false if a task is running; the caller must then {@link #execute} instead
     */
    boolean tryEnter() {
        lock.lock();
        try {
            if (running) {
                return false;
            }
            running = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Releases a claim from {@link #tryEnter()}, first running the tasks queued meanwhile. */
    void exit() {
        drain();
    }

    private void drain() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = tasks == null ? null : tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            } finally {
                lock.unlock();
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
