package dev.wsf.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code openssl} command line, for tests that cross-check our certificates and key parsing
 * against an implementation we did not write. Tests skip (with an assumption) when it is missing.
 */
public final class Openssl {
    private static final long TIMEOUT_SECONDS = 60;
    private static volatile Boolean available;

    /** What a finished command printed on stdout and stderr together, and its exit code. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Openssl() {
    }

    /** Whether {@code openssl version} runs; checked once. */
    public static boolean available() {
        if (available == null) {
            try {
                available = tryRun(Path.of("."), "version").ok();
            } catch (UncheckedIOException e) {
                available = false;
            }
        }
        return available;
    }

    /** Runs {@code openssl args...} in {@code dir} and returns its output; an AssertionError if it fails. */
    public static String run(Path dir, String... args) {
        Result result = tryRun(dir, args);
        if (!result.ok()) {
            throw new AssertionError("openssl " + String.join(" ", args) + " exited with " + result.exitCode()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    /** Runs {@code openssl args...} in {@code dir}, whatever its exit code. */
    public static Result tryRun(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();   // a forgotten -passin then fails instead of waiting for a prompt
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start openssl", e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl " + String.join(" ", args) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while openssl ran", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the output of openssl", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
