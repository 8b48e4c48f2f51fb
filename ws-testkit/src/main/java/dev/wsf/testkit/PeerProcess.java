package dev.wsf.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the external peer programs under {@code interop/} (Python websockets, Node ws,
 * Chromium) and collects its JSON lines. The process is always ended, by us, when the time is up.
 */
public final class PeerProcess {
    /** The repository's {@code interop/} folder, found from the module directory Maven runs tests in. */
    public static final Path INTEROP = locateInterop();

    /** What a finished peer printed: its exit code and its stdout lines. */
    public record Result(int exitCode, List<String> lines) {
        public String last() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        /** The step lines that did not pass, for assertion messages. */
        public List<String> failures() {
            return lines.stream().filter(l -> l.contains("\"ok\":false")).toList();
        }
    }

    private PeerProcess() {
    }

    /** Python peers need Debian's interpreter, which has python3-websockets. */
    public static List<String> python(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", INTEROP.resolve("python").resolve(script).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static List<String> node(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("node", INTEROP.resolve("node").resolve(script).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            reader.join(1000);
            throw new AssertionError("peer timed out after " + timeoutSeconds + " s: " + command + "\n" + lines);
        }
        reader.join(5000);
        synchronized (lines) {
            return new Result(p.exitValue(), List.copyOf(lines));
        }
    }

    /**
     * A peer server running until {@link #close()}: it prints {@code {"listening":PORT}} first
     * and exits when its stdin closes, which is how we stop it.
     */
    public static final class Server implements AutoCloseable {
        private final Process process;
        public final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

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

    /** Starts a peer server and waits (up to 30 s) for the port it listens on. */
    public static Server startServer(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                first.complete(r.readLine());
            } catch (IOException e) {
                first.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        String line;
        try {
            line = first.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("peer server did not start: " + command, e);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"listening\":(\\d+)\\}").matcher(line == null ? "" : line);
        if (!m.matches()) {
            p.destroyForcibly();
            throw new AssertionError("unexpected first line from " + command + ": " + line);
        }
        return new Server(p, Integer.parseInt(m.group(1)));
    }

    private static Path locateInterop() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("interop").resolve("node"))) {
                return d.resolve("interop");
            }
        }
        return dir.resolve("interop");
    }
}
