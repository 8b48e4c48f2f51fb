package dev.wsf.runtime.hostile;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What this JVM holds now, for the before-and-after comparisons of the hostile suite. */
final class ProcessResources {
    static final long MIB = 1024 * 1024;

    private ProcessResources() {
    }

    /** Open file descriptors of this process (Linux only). */
    static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError("this check needs Linux's /proc", e);
        }
    }

    /** Bytes in direct buffers, the JDK's temporary I/O buffers included. */
    static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /**
     * Heap in use after a full collection: what is reachable, which is what an attack makes the
     * server keep. System.gc() is a full, stop-the-world collection with the default G1 settings.
     */
    static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (double) MIB);
    }
}
