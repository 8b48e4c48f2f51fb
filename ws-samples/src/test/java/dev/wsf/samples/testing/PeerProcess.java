package dev.wsf.samples.testing;

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
 * Runs a Node script under {@code interop/node/} and collects its JSON lines; the process is
 * ended, by us, when the time is up. (The same helper as ws-runtime's tests, which the samples
 * don't depend on.)
 */
public final class PeerProcess {
    /** The repository's {@code interop/} folder, found from the module directory Maven runs tests in. */
    public static final Path INTEROP = locateInterop();

    /** What a finished script printed: its exit code and its stdout lines. */
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
            throw new AssertionError("script timed out after " + timeoutSeconds + " s: " + command + "\n" + lines);
        }
        reader.join(5000);
        synchronized (lines) {
            return new Result(p.exitValue(), List.copyOf(lines));
        }
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
