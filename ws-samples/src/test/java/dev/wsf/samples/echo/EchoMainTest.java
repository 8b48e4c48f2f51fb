package dev.wsf.samples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.testkit.JdkClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command-line contract the end-to-end benchmark relies on: started as its own JVM through
 * the launcher with {@code -Dport=0}, the echo sample prints {@code READY <port>} once it listens
 * there, and serves on that port.
 */
class EchoMainTest {

    @Test
    void printsReadyWithThePortItListensOn() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dport=0",
                "-Dhost=127.0.0.1", "dev.wsf.samples.Samples", "echo")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> lines = new ArrayList<>();
            String ready = CompletableFuture.supplyAsync(() -> readUntilReady(process, lines))
                    .get(30, TimeUnit.SECONDS);
            int port = Integer.parseInt(ready.substring("READY ".length()));
            assertTrue(port > 0, ready);
            assertTrue(lines.get(0).contains("ws://127.0.0.1:" + port + "/echo"), lines.toString());
            try (JdkClient client = JdkClient.connect("ws://127.0.0.1:" + port + "/echo")) {
                client.send("ready?");
                assertEquals("ready?", client.nextText());
            }
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook stops the server
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String readUntilReady(Process process, List<String> lines) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return line;
                }
                lines.add(line);
            }
            throw new AssertionError("the sample ended without READY: " + lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
