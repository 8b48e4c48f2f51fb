package dev.wsf.runtime.session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor for {@link dev.wsf.api.endpoint.Dispatch#WORKER} callbacks: a virtual
 * thread per task on Java 21 and later (blocking callbacks then cost no platform thread), and a
 * bounded pool of daemon threads on Java 17-20.
 */
public final class Workers {
    /** Platform threads for blocking callbacks on Java 17-20; further callbacks queue. */
    private static final int POOL_SIZE = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());

    private Workers() {
    }

    /**
     * A new default executor: virtual threads when the JVM has them, else the pool.
     *
     * @param name the prefix of the pool's thread names (unused for virtual threads)
     * @return a new executor, to {@link #shutdown} when done
     * @throws IllegalStateException if the virtual-thread executor exists but cannot be created
     */
    public static ExecutorService createDefault(String name) {
        try {
            MethodHandle virtual = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) virtual.invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return pool(name);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create the worker executor", t);
        }
    }

    /**
     * Stops a default executor, letting running callbacks finish for a few seconds.
     *
     * @param workers the executor, or null for none (an executor given by the application, which it
     *                stops itself)
     * @throws InterruptedException if interrupted while waiting for callbacks to finish
     */
    public static void shutdown(ExecutorService workers) throws InterruptedException {
        if (workers != null) {
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ExecutorService pool(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_SIZE, POOL_SIZE, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
