package dev.wsf.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the calling thread, from HotSpot's per-thread counter. This is how the fuzz
 * targets check that the runtime allocates for the bytes it receives, not for the lengths frame
 * headers announce: a few KB of input announcing 4 MiB must not cost 4 MiB.
 *
 * <p>Why this and not a small {@code -Xmx}: a 4 MiB buffer fits in any heap a test can run in, so
 * only a heap far smaller than the runtime's legitimate needs would ever fail, and then at random
 * points decided by the GC. The counter is exact, costs a few nanoseconds per reading, and is
 * unaffected by garbage collection. Everything under test runs on the calling thread
 * ({@code Dispatch.IO_THREAD}, a same-thread worker executor, {@link MemoryTransport}), so it
 * sees every allocation the runtime makes for the input.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long start = THREADS.getCurrentThreadAllocatedBytes();

    /** Bytes allocated on this thread since this meter was created. */
    long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes() - start;
    }

    static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }
}
