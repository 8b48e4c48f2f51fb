package dev.wsf.runtime.hostile;

import dev.wsf.testkit.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A main class of the test classpath run in a JVM of its own, with its standard output and
 * error collected line by line. It is stopped by closing its standard input, and ended by its
 * PID (ours: we started it) if it does not stop in time.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();

    private ServerProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), out, "stdout");
        collect(process.getErrorStream(), err, "stderr");
    }

    /** Starts {@code mainClass} with this JVM's java and class path (the build's class directories). */
    static ServerProcess start(Class<?> mainClass, String... jvmOptions) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        return new ServerProcess(new ProcessBuilder(command).start());
    }

    long pid() {
        return process.pid();
    }

    /** The first stdout line starting with {@code prefix}, waiting up to {@code timeout} for it. */
    String awaitLine(String prefix, Duration timeout) {
        Eventually.until(timeout, () -> out.stream().anyMatch(l -> l.startsWith(prefix)),
                () -> "a line '" + prefix + "...' from the server; stdout " + out + ", stderr " + err);
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The process's open file descriptors. */
    long openFileDescriptors() {
        return descriptorNumbers().length;
    }

    /** The highest descriptor number the server has open. */
    long highestFileDescriptor() {
        return java.util.Arrays.stream(descriptorNumbers()).max().orElse(-1);
    }

    private long[] descriptorNumbers() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return fds.mapToLong(fd -> Long.parseLong(fd.getFileName().toString())).toArray();
        } catch (IOException e) {
            throw new AssertionError("this check needs Linux's /proc", e);
        }
    }

    /** The server's threads, from jcmd, for a failure message. */
    String threadDump() {
        try {
            Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            j.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static void collect(InputStream stream, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("(reading " + name + " failed: " + e + ")");
            }
        }, "server-process-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Closes its standard input (it stops by itself), or ends it by PID after 10 s. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
