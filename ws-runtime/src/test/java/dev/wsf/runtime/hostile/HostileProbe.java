package dev.wsf.runtime.hostile;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before-and-after figures for the hostile-load work, not a test: runs two attacks against the
 * echo sample of whatever build it is pointed at, each against a fresh server JVM with
 * {@code -Xmx1g}, and prints the server's heap after a full GC under attack and whether it still
 * serves. It uses the JDK only, so it runs as a single source file against any build, old or new:
 *
 * <pre>
 * mvn -q -o -pl ws-samples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java ws-runtime/src/test/java/dev/wsf/runtime/hostile/HostileProbe.java \
 *     "ws-samples/target/classes:$(cat ws-samples/target/cp.txt)" [label]
 * </pre>
 *
 * <ol>
 *   <li>Announced length: 200 connections each send a binary frame header announcing 4 MiB
 *   (the default message limit) and one byte of it, and hold.</li>
 *   <li>Non-reading clients: 60 clients send 64 KiB echo requests as fast as the server takes
 *   them (up to 24 MiB each, past the default 16 MiB output limit) and never read.</li>
 * </ol>
 * {@code -Dprobe.announcers=N}, {@code -Dprobe.nonReaders=N} and {@code -Dprobe.perNonReaderMiB=N}
 * change the counts; {@code -Dprobe.attacks=announced} or {@code nonreading} runs one attack.
 * The heap is measured with {@code jcmd <pid> GC.run} then {@code GC.heap_info}, after the
 * attack has been held for a few seconds. The server is ended by its PID at the end of each attack.
 */
public final class HostileProbe {
    private static final int ANNOUNCERS = Integer.getInteger("probe.announcers", 200);
    private static final long ANNOUNCED = 4L << 20;
    private static final int NON_READERS = Integer.getInteger("probe.nonReaders", 60);
    private static final int MESSAGE = 64 * 1024;
    /**
     * Enough for a server without read pausing to reach its 16 MiB output limit for each client
     * even after the kernel's socket buffers on loopback (about 4 MiB sent, 1 MiB received) take
     * their share.
     */
    private static final long PER_NON_READER = Long.getLong("probe.perNonReaderMiB", 24) << 20;
    private static final int MASK_KEY = 0x5A3C_96E1;
    private static final String UPGRADE = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private HostileProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java HostileProbe.java <class path of ws-samples and its dependencies> [label]");
            System.exit(2);
        }
        String classPath = args[0];
        String label = args.length > 1 ? args[1] : "build";
        String attacks = System.getProperty("probe.attacks", "announced,nonreading");
        if (attacks.contains("announced")) {
            announcedLength(classPath, label);
        }
        if (attacks.contains("nonreading")) {
            nonReadingClients(classPath, label);
        }
    }

    private static void announcedLength(String classPath, String label) throws Exception {
        try (Server server = Server.start(classPath)) {
            long before = server.heapAfterGc();
            List<Socket> peers = new ArrayList<>();
            try {
                for (int i = 0; i < ANNOUNCERS; i++) {
                    Socket s = upgraded(server.port);
                    peers.add(s);
                    ByteBuffer frame = ByteBuffer.allocate(15).put((byte) 0x82).put((byte) 0xFF).putLong(ANNOUNCED)
                            .putInt(MASK_KEY).put((byte) (MASK_KEY >>> 24));
                    s.getOutputStream().write(frame.array());
                }
                TimeUnit.SECONDS.sleep(3); // a probe, not a test: let the server take it all in
                report(label, "announced length, " + ANNOUNCERS + " x 4 MiB announced, 1 byte sent", server, before,
                        stillOpen(peers) + "/" + ANNOUNCERS + " attackers still connected");
            } finally {
                for (Socket s : peers) {
                    s.close();
                }
            }
        }
    }

    private static void nonReadingClients(String classPath, String label) throws Exception {
        try (Server server = Server.start(classPath); Selector selector = Selector.open()) {
            long before = server.heapAfterGc();
            List<SocketChannel> clients = new ArrayList<>();
            try {
                for (int i = 0; i < NON_READERS; i++) {
                    clients.add(nonReader(server.port, selector));
                }
                long sent = flood(selector, 2_000, 60_000);
                TimeUnit.SECONDS.sleep(2); // a probe, not a test: let the server's queues settle
                int open = 0;
                for (SocketChannel c : clients) {
                    open += isOpen(c) ? 1 : 0;
                }
                report(label, "non-reading clients, " + NON_READERS + " x 64 KiB requests, never read", server, before,
                        String.format("%.0f MiB sent in all; %d/%d clients still connected", sent / 1048576.0, open,
                                NON_READERS));
            } finally {
                for (SocketChannel c : clients) {
                    c.close();
                }
            }
        }
    }

    private static void report(String label, String attack, Server server, long before, String detail) throws Exception {
        long after = server.heapAfterGc();
        boolean serves = server.echoes();
        System.out.printf("PROBE %s | %s | server heap after GC: %s under attack (%s before) | still serves a new"
                        + " client: %s | alive: %s | %s%n", label, attack, mib(after), mib(before),
                serves ? "yes" : "NO", server.process.isAlive() ? "yes" : "NO", detail);
        if (!server.errors().isEmpty()) {
            System.out.println("PROBE " + label + " | server errors: " + server.errors());
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "unmeasurable" : String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static Socket upgraded(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("upgrade refused: " + head);
        }
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the response head: " + out);
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Connected attackers: a read that times out means the server has neither closed nor answered. */
    private static int stillOpen(List<Socket> peers) throws IOException {
        int open = 0;
        for (Socket s : peers) {
            s.setSoTimeout(1);
            try {
                if (s.getInputStream().read() >= 0) {
                    continue; // a close frame: refused or shed
                }
            } catch (SocketTimeoutException e) {
                open++;
            } catch (IOException e) {
                // reset: closed
            }
        }
        return open;
    }

    private static SocketChannel nonReader(int port, Selector selector) throws IOException {
        SocketChannel c = SocketChannel.open();
        c.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
        c.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
        c.connect(new InetSocketAddress("127.0.0.1", port));
        c.write(ByteBuffer.wrap(UPGRADE.getBytes(StandardCharsets.ISO_8859_1)));
        String head = readHead(c.socket().getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_WRITE, new long[1]);
        return c;
    }

    /** Writes masked 64 KiB binary frames until nobody progresses for {@code stallMillis}; returns bytes sent. */
    private static long flood(Selector selector, long stallMillis, long maxMillis) throws IOException {
        ByteBuffer masked = ByteBuffer.allocate(14 + MESSAGE).put((byte) 0x82).put((byte) (0x80 | 127))
                .putLong(MESSAGE).putInt(MASK_KEY);
        for (int i = 0; i < MESSAGE; i++) {
            masked.put((byte) (MASK_KEY >>> (24 - 8 * (i % 4)))); // zeros, masked
        }
        byte[] frame = masked.array();
        long start = System.nanoTime();
        long lastProgress = start;
        long total = 0;
        while (System.nanoTime() - lastProgress < stallMillis * 1_000_000
                && System.nanoTime() - start < maxMillis * 1_000_000 && !selector.keys().isEmpty()) {
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                long[] sent = (long[]) key.attachment();
                SocketChannel c = (SocketChannel) key.channel();
                try {
                    int offset = (int) (sent[0] % frame.length);
                    int n = c.write(ByteBuffer.wrap(frame, offset, frame.length - offset));
                    sent[0] += n;
                    total += n;
                    if (n > 0) {
                        lastProgress = System.nanoTime();
                    }
                    if (sent[0] >= PER_NON_READER) {
                        key.cancel();
                    }
                } catch (IOException e) {
                    key.cancel(); // closed by the server
                }
            }
            selector.selectedKeys().clear();
        }
        return total;
    }

    private static boolean isOpen(SocketChannel c) {
        try {
            ByteBuffer one = ByteBuffer.allocate(1 << 16);
            int n;
            do {
                n = c.read(one.clear()); // non-blocking: drains what arrived; -1 once closed
            } while (n > 0);
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The echo sample in a JVM of its own, ended by its PID. */
    private static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        private final List<String> stderr = new ArrayList<>();

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start(String classPath) throws Exception {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Dport=0", "-cp", classPath, "dev.wsf.samples.echo.EchoSample").start();
            CompletableFuture<Integer> ready = new CompletableFuture<>();
            Thread out = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("READY ")) {
                            ready.complete(Integer.parseInt(line.substring(6).trim()));
                        }
                    }
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
            });
            out.setDaemon(true);
            out.start();
            Server server = new Server(p, ready.get(60, TimeUnit.SECONDS));
            Thread err = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.contains("Error") || line.startsWith("SEVERE") || line.startsWith("WARNING")) {
                            synchronized (server.stderr) {
                                server.stderr.add(line);
                            }
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            err.setDaemon(true);
            err.start();
            return server;
        }

        List<String> errors() {
            synchronized (stderr) {
                return List.copyOf(stderr.subList(0, Math.min(stderr.size(), 5)));
            }
        }

        /** Heap used after a full GC, from jcmd; -1 if the JVM cannot say (it may be dying). */
        long heapAfterGc() throws Exception {
            if (jcmd("GC.run") == null) {
                return -1;
            }
            String info = jcmd("GC.heap_info");
            Matcher m = info == null ? null : Pattern.compile("used (\\d+)K").matcher(info);
            return m != null && m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        }

        private String jcmd(String command) throws Exception {
            Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), command).redirectErrorStream(true).start();
            String output = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!j.waitFor(120, TimeUnit.SECONDS) || j.exitValue() != 0) {
                j.destroyForcibly();
                return null;
            }
            return output;
        }

        /** Whether a new client gets an echo within 5 s. */
        boolean echoes() {
            try (Socket s = upgraded(port)) {
                s.setSoTimeout(5000);
                byte[] text = "probe".getBytes(StandardCharsets.UTF_8);
                ByteBuffer frame = ByteBuffer.allocate(6 + text.length).put((byte) 0x81).put((byte) (0x80 | text.length))
                        .putInt(MASK_KEY);
                for (int i = 0; i < text.length; i++) {
                    frame.put((byte) (text[i] ^ (MASK_KEY >>> (24 - 8 * (i % 4)))));
                }
                s.getOutputStream().write(frame.array());
                byte[] reply = s.getInputStream().readNBytes(2 + text.length);
                return reply.length == 2 + text.length && new String(reply, 2, text.length, StandardCharsets.UTF_8)
                        .equals("probe");
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            process.destroy(); // our own child, by its PID
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
