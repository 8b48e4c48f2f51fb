package dev.wsf.cluster.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A broker program the test started (redis-server, nats-server): on a free loopback port, in a
 * temporary directory, ended by its process id, never by name. It can be killed and started
 * again on the same port, and frozen (SIGSTOP) to play a broker that stops answering.
 *
 * <p>A broker that is not installed skips the test, except where brokers are required (the
 * interop profile sets {@code wsf.brokers.required}, and CI sets {@code CI}): there it fails it.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Path binary;
    private final Function<BrokerProcess, List<String>> arguments;
    private final String readyLine;
    private final int port;
    private final Path dir;
    /** nats-server's HTTP monitoring port; 0 for redis-server. */
    private int monitorPort;
    private final List<String> output = new ArrayList<>();
    private volatile Process process;
    private boolean hooked;

    private BrokerProcess(Path binary, Function<BrokerProcess, List<String>> arguments, String readyLine) {
        this.binary = binary;
        this.arguments = arguments;
        this.readyLine = readyLine;
        this.port = freePort();
        try {
            this.dir = Files.createTempDirectory("wsf-" + binary.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** redis-server on loopback, without persistence, running. */
    public static BrokerProcess redis() {
        BrokerProcess p = redisNotStarted();
        p.start();
        return p;
    }

    /** redis-server with its port and directory chosen, not started yet: {@link #start()} starts it. */
    public static BrokerProcess redisNotStarted() {
        Path bin = require("redis-server", "redis-server");
        return new BrokerProcess(bin, b -> List.of("--port", String.valueOf(b.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", b.dir.toString()), "Ready to accept connections");
    }

    /**
     * A node of a Redis Cluster (not joined yet): its cluster bus listens on port + 10000, so the
     * port is one below 55536 whose neighbour 10000 up is free too.
     */
    public static BrokerProcess redisClusterNode() {
        Path bin = require("redis-server", "redis-server");
        BrokerProcess p;
        while (true) {
            p = new BrokerProcess(bin, b -> List.of("--port", String.valueOf(b.port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", b.dir.toString(), "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "3000"),
                    "Ready to accept connections");
            if (p.port < 55536 && free(p.port + 10000)) {
                break;
            }
            p.close();
        }
        p.start();
        return p;
    }

    /** nats-server on loopback, with its monitoring port, running. */
    public static BrokerProcess nats() {
        BrokerProcess p = natsNotStarted();
        p.start();
        return p;
    }

    /** nats-server with its ports chosen, not started yet: {@link #start()} starts it. */
    public static BrokerProcess natsNotStarted() {
        Path bin = require("nats-server", "nats-server");
        int monitor = freePort();
        BrokerProcess p = new BrokerProcess(bin, b -> List.of("-a", "127.0.0.1", "-p", String.valueOf(b.port),
                "-m", String.valueOf(b.monitorPort)), "Server is ready");
        p.monitorPort = monitor;
        return p;
    }

    /** The port it listens on (the same after a restart). */
    public int port() {
        return port;
    }

    /** nats-server's HTTP monitoring port ({@code /connz?subs=1}). */
    public int monitorPort() {
        if (monitorPort == 0) {
            throw new IllegalStateException(binary.getFileName() + " has no monitoring port");
        }
        return monitorPort;
    }

    private static boolean free(int port) {
        try {
            new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A broker program, or the test is skipped (or failed, where brokers are required). */
    public static Path require(String program, String debianPackage) {
        for (String d : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                Path p = Path.of(d, program);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String message = program + " is not installed: apt-get install " + debianPackage
                + " (or bash .ci/install-test-deps)";
        if (Boolean.getBoolean("wsf.brokers.required") || System.getenv("CI") != null) {
            throw new AssertionError(message + "; the interop profile and CI need it");
        }
        Assumptions.abort(message + "; skipping the tests against a real broker");
        return null;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments.apply(this));
        CountDownLatch ready = new CountDownLatch(1);
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Process p = process;
        if (!hooked) { // a test JVM that ends early still ends its brokers (not after SIGKILL, though)
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Process last = process;
                if (last != null) {
                    last.destroyForcibly();
                }
            }));
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains(readyLine)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, binary.getFileName() + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(binary.getFileName() + " did not start: " + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What {@code redis-cli -p PORT args...} prints, line by line (redis-server only). */
    public List<String> redisCli(String... args) {
        List<String> command = new ArrayList<>(List.of(require("redis-cli", "redis-tools").toString(), "-p",
                String.valueOf(port)));
        command.addAll(List.of(args));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(10, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new AssertionError(command + " did not end");
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills it at once (SIGKILL), as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes it (SIGSTOP): connections stay open and nothing is answered. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen broker go on (SIGCONT). */
    public void thaw() {
        signal("CONT");
    }

    private synchronized void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -s " + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            thawQuietly();
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void thawQuietly() {
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-s", "CONT", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // killed next anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
