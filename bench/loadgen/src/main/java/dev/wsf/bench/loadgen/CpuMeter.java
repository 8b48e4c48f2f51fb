package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU use over a measured window, to show whether the client, the server, or something else was
 * the bottleneck. Reports, as fractions of one core:
 *
 * <ul>
 *   <li>{@code client_cpu}: this JVM, all threads, user + system (from the JVM);</li>
 *   <li>{@code server_cpu}: the process given by {@code --server-pid} (from {@code /proc/PID/stat});</li>
 *   <li>{@code cpuN_busy}: each core's non-idle share (from {@code /proc/stat}). With the server
 *       pinned to core 0 and the client to core 1, cpu1_busy well below 1.0 means the client had
 *       headroom. It includes the softirq time of loopback TCP, which is charged to no process;</li>
 *   <li>{@code other_cpu}: user + system time of every other process on the machine. Anything
 *       clearly above 0 means a neighbour competed for the cores and the run is suspect;</li>
 *   <li>{@code steal_cpu}: time the hypervisor ran another guest while this VM wanted a core
 *       (the {@code steal} column of {@code /proc/stat}, all cores together). Also a
 *       disturbance, and one no process inside the VM shows.</li>
 * </ul>
 * Assumes the usual 100 Hz {@code USER_HZ} for the {@code /proc} tick counts.
 */
final class CpuMeter {

    private static final double NANOS_PER_TICK = 1e9 / 100;

    /** Per core: {idle + iowait, total, user + nice + system, steal} in ticks. */
    record Sample(long wallNanos, long clientNanos, long serverTicks, List<long[]> cores) {
    }

    private final long serverPid;

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    Sample sample() {
        return new Sample(System.nanoTime(), clientCpuNanos(), serverTicks(), procStat());
    }

    /** The key=value report for the window from a to b. */
    String between(Sample a, Sample b) {
        double wall = b.wallNanos - a.wallNanos;
        double client = (b.clientNanos - a.clientNanos) / wall;
        double server = serverPid > 0 ? (b.serverTicks - a.serverTicks) * NANOS_PER_TICK / wall : 0;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "client_cpu=%.2f", client));
        if (serverPid > 0) {
            s.append(String.format(Locale.ROOT, " server_cpu=%.2f", server));
        }
        double processTicks = 0;
        double stealTicks = 0;
        for (int i = 0; i < Math.min(a.cores.size(), b.cores.size()); i++) {
            long[] x = a.cores.get(i);
            long[] y = b.cores.get(i);
            double total = y[1] - x[1];
            double busy = (y[1] - y[0]) - (x[1] - x[0]);
            processTicks += y[2] - x[2];
            stealTicks += y[3] - x[3];
            s.append(String.format(Locale.ROOT, " cpu%d_busy=%.2f", i, total > 0 ? busy / total : 0.0));
        }
        if (serverPid > 0 && !a.cores.isEmpty()) {
            double other = processTicks * NANOS_PER_TICK / wall - client - server;
            s.append(String.format(Locale.ROOT, " other_cpu=%.2f", Math.max(0, other)));
        }
        if (!a.cores.isEmpty()) {
            s.append(String.format(Locale.ROOT, " steal_cpu=%.2f", stealTicks * NANOS_PER_TICK / wall));
        }
        return s.toString();
    }

    /**
     * Cores used by other processes plus cores stolen by the hypervisor from a to b: what the
     * fan-out client waits to see near zero before a test. Needs {@code --server-pid}.
     */
    double othersAndSteal(Sample a, Sample b) {
        double wall = b.wallNanos - a.wallNanos;
        double processTicks = 0;
        double stealTicks = 0;
        for (int i = 0; i < Math.min(a.cores.size(), b.cores.size()); i++) {
            processTicks += b.cores.get(i)[2] - a.cores.get(i)[2];
            stealTicks += b.cores.get(i)[3] - a.cores.get(i)[3];
        }
        double client = (b.clientNanos - a.clientNanos) / wall;
        double server = serverPid > 0 ? (b.serverTicks - a.serverTicks) * NANOS_PER_TICK / wall : 0;
        double other = Math.max(0, processTicks * NANOS_PER_TICK / wall - client - server);
        return other + stealTicks * NANOS_PER_TICK / wall;
    }

    /** The server's resident set in KiB ({@code VmRSS}), or -1 without {@code --server-pid}. */
    long serverRssKb() {
        if (serverPid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long clientCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** utime + stime of the server process, fields 14 and 15 of /proc/PID/stat. */
    private long serverTicks() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);   // fields 14, 15 counted from 1
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static List<long[]> procStat() {
        List<long[]> cores = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i < Math.min(f.length, 9); i++) {   // user..steal; guest is inside user
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    long processes = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]);
                    long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                    cores.add(new long[] {idle, total, processes, steal});
                }
            }
        } catch (IOException | RuntimeException e) {
            cores.clear();
        }
        return cores;
    }
}
