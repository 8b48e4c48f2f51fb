package dev.wsf.runtime.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.Eventually;
import dev.wsf.testkit.JdkClient;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that keeps its JVM alive until it stops, and stops gracefully on SIGTERM. */
class LifecycleTest {

    @Test
    void awaitTerminationReturnsOnceAnotherThreadStopsTheServer() throws Exception {
        WebSocketServer server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).build()).build().start();
        assertFalse(server.awaitTermination(Duration.ofMillis(50)));
        Thread stopper = new Thread(server::stop);
        stopper.start();
        assertTrue(server.awaitTermination(Duration.ofSeconds(10)));
        stopper.join();
    }

    @Test
    void aPortInUseFailsTheStartNamingTheAddressAndLeavesNothingRunning() throws Exception {
        WebSocketServer first = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).build()).build().start();
        long ioThreads = ioThreads();
        try {
            WebSocketServer second = WebSocketServer.builder()
                    .config(ServerConfig.builder().host("127.0.0.1").port(first.port()).build()).build();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, second::start);
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + first.port() + ": "), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("in use"), e.getMessage());
            Eventually.until(Duration.ofSeconds(5), () -> ioThreads() == ioThreads,
                    () -> "the failed start left I/O threads running: " + ioThreads() + ", was " + ioThreads);
        } finally {
            first.stop();
        }
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("wsf-io-")).count();
    }

    @Test
    void aStandaloneMainStaysUpAndStopsGracefullyOnSigterm(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("server.out");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StandaloneServer.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Eventually.until(Duration.ofSeconds(30), () -> output(log).contains("READY "), () -> "no READY: " + output(log));
            String ready = output(log).lines().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow();
            int port = Integer.parseInt(ready.substring(6).trim());
            Thread.sleep(300); // main is now blocked in awaitTermination: nothing else keeps the JVM up
            assertTrue(p.isAlive(), "the JVM must not exit while the server runs (its I/O threads are daemons)");
            try (JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"))) {
                client.send("hi");
                assertEquals("hi", client.nextText());
                long start = System.nanoTime();
                p.destroy(); // SIGTERM
                JdkClient.Closed closed = client.nextClose();
                assertEquals(1001, closed.code(), "sessions hear the server going away");
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "exits within the grace period");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static String output(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
