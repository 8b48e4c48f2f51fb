package dev.wsf.samples.support;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * What every sample's {@code main} does around its server: read {@code -Dhost} and
 * {@code -Dport}, print where to go, then serve until Ctrl-C.
 *
 * <p>The last line printed once the server listens is {@code READY <port>}, so scripts (the
 * end-to-end benchmark) can wait for it and read the port, which matters with {@code -Dport=0}.
 */
public final class SampleRunner {
    /** Loopback by default: a sample is not meant to be reachable from the network. */
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    private SampleRunner() {
    }

    /** The sample's settings, listening where {@code -Dhost} and {@code -Dport} say. */
    public static ServerConfig listenConfig(ServerConfig.Builder sampleSettings) {
        return sampleSettings
                .host(System.getProperty("host", DEFAULT_HOST))
                .port(Integer.parseInt(System.getProperty("port", Integer.toString(DEFAULT_PORT))))
                .build();
    }

    /**
     * Prints the sample's instructions (given {@code host:port} to build URLs from) and
     * {@code READY <port>}, then blocks until the JVM is asked to stop, stopping the server first.
     */
    public static void serveUntilStopped(WebSocketServer server, Function<String, List<String>> instructions) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "sample-shutdown"));
        PrintStream out = System.out;
        instructions.apply(address(server)).forEach(out::println);
        out.println("Stop with Ctrl-C.");
        out.println("READY " + server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code host:port} as a browser on this machine would reach the server. */
    public static String address(WebSocketServer server) {
        String host = server.localAddress().getAddress().isAnyLocalAddress()
                ? "localhost" : server.localAddress().getHostString();
        return host + ":" + server.port();
    }
}
