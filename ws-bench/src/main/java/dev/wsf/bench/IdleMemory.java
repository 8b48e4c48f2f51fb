package dev.wsf.bench;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.extension.deflate.DeflateSettings;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * What an open connection costs the server while it is idle: the live heap (a class histogram,
 * so a full collection first) and the resident set, before and after {@code n} clients connect,
 * divided by {@code n}, with the classes that grew the most per connection. The server runs in
 * this JVM with one I/O thread; the clients run in a second JVM so none of their objects count.
 * Each client upgrades, sends one text message and reads its echo, then stays idle; the server
 * is measured 3 s later.
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseSerialGC -cp CLASSPATH dev.wsf.bench.IdleMemory 10000 plain
 * </pre>
 * Modes: {@code plain}; {@code default} or {@code lean} negotiate permessage-deflate in that mode.
 * {@code -Dtop=N} lists N classes (10 by default). {@code jcmd} must be on the path. Each
 * connection takes a descriptor in both JVMs. Under {@code -XX:NativeMemoryTracking=summary} it
 * also prints the JVM's own view of its native memory growth.
 */
public final class IdleMemory {
    private static final int TOP = Integer.getInteger("top", 10);

    private IdleMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("client")) {
            client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            return;
        }
        int n = Integer.parseInt(args[0]);
        String mode = args.length > 1 ? args[1] : "plain";
        WebSocketServer server = WebSocketServer.builder().config(config(mode))
                .endpoint(EndpointDefinition.builder("/echo", request -> new EndpointHandler() {
                    @Override
                    public void onText(Session session, String message) {
                        session.sendText(message);
                    }
                }).dispatch(Dispatch.IO_THREAD).build()).build().start();
        // A first round of as many connections warms up what the measured round reuses: classes,
        // compiled code, and the native allocator's arenas, which a short warm-up leaves to grow
        // during the measurement (then they show as ~2 KB of "native" per connection that a
        // second round does not repeat).
        Process warmUp = clients(server.port(), n, mode, false);
        warmUp.destroy();
        warmUp.waitFor();
        for (int i = 0; i < 100 && server.stats().connections() > 0; i++) {
            Thread.sleep(100); // for the server to see those connections close
        }
        Snapshot before = Snapshot.take();
        jcmd("VM.native_memory", "baseline"); // answers only under -XX:NativeMemoryTracking=summary
        Process clients = clients(server.port(), n, mode, true);
        Thread.sleep(3000); // idle: sessions quiet for a tick let go of their parsers
        Snapshot after = Snapshot.take();
        String nmt = jcmd("VM.native_memory", "summary.diff");
        clients.destroy();
        report(mode, n, before, after);
        if (nmt.contains("Native Memory Tracking")) {
            System.out.println(nmt);
        }
        System.exit(0);
    }

    private static ServerConfig config(String mode) {
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1)
                .discoverExtensions(false);
        if (!mode.equals("plain")) {
            DeflateSettings settings = mode.equals("lean") ? DeflateSettings.lean()
                    : DeflateSettings.builder().maxContextTakeoverSessions(Integer.MAX_VALUE).build();
            config.extensions(new PerMessageDeflateFactory(settings));
        }
        return config.build();
    }

    /** Starts {@code n} clients in a second JVM and returns once all of them are connected. */
    private static Process clients(int port, int n, String mode, boolean echo) throws Exception {
        Process process = new ProcessBuilder("java", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                IdleMemory.class.getName(), "client", Integer.toString(port), Integer.toString(n), mode)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        for (String line; (line = out.readLine()) != null; ) {
            if (echo) {
                System.out.println("  client: " + line);
            }
            if (line.startsWith("ready")) {
                return process;
            }
        }
        throw new IllegalStateException("the clients ended before connecting");
    }

    private static void report(String mode, int n, Snapshot before, Snapshot after) {
        // The heap is committed and touched up front (-Xms = -Xmx, AlwaysPreTouch), so the resident
        // set grows by native memory only.
        double rss = (after.rss - before.rss) / (double) n;
        double heap = (after.heap - before.heap) / (double) n;
        System.out.printf("%s n=%d: heap %.0f B + native (RSS) %.0f B = %.0f B per connection%n",
                mode, n, heap, rss, heap + rss);
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        after.classes.forEach((name, count) -> {
            long[] was = before.classes.getOrDefault(name, new long[2]);
            grown.add(Map.entry(name, new long[] {count[0] - was[0], count[1] - was[1]}));
        });
        grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
        System.out.printf("  %-60s %10s %10s%n", "class (top " + TOP + " by bytes per connection)", "instances", "bytes");
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(TOP, grown.size()))) {
            System.out.printf("  %-60s %10.2f %10.1f%n", e.getKey(), e.getValue()[0] / (double) n,
                    e.getValue()[1] / (double) n);
        }
    }

    private static String jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(ProcessHandle.current().pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out;
    }

    /** The resident set, the live heap and its class histogram, after full collections. */
    private record Snapshot(long rss, long heap, Map<String, long[]> classes) {
        static Snapshot take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            String histogram = jcmd("GC.class_histogram");
            long rss = 0; // after the histogram, whose own full collection runs first
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            long heap = 0;
            Map<String, long[]> classes = new HashMap<>();
            for (String line : histogram.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                } else if (f.length >= 3 && f[0].equals("Total")) {
                    heap = Long.parseLong(f[2]);
                }
            }
            return new Snapshot(rss, heap, classes);
        }
    }

    // ---- the client JVM ----

    private static void client(int port, int n, String mode) throws Exception {
        boolean deflate = !mode.equals("plain");
        String json = "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"alice\","
                + "\"text\":\"hello everyone, how is the weather where you are today?\",\"seq\":12345}";
        byte[] frame = clientFrame(json.getBytes(StandardCharsets.UTF_8), deflate);
        byte[] request = ("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> sockets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.getOutputStream().write(request);
            InputStream in = s.getInputStream();
            readHead(in);
            s.getOutputStream().write(frame);
            int first = in.read();
            int length = in.read() & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            if (first < 0 || in.readNBytes(length).length != length) {
                throw new EOFException("no echo on connection " + i);
            }
            sockets.add(s);
        }
        System.out.println("ready " + sockets.size());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("no handshake response");
            }
            matched = c == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (c == '\r' ? 1 : 0);
        }
    }

    /** A masked text frame (payload below 126 bytes), compressed when deflate is negotiated. */
    private static byte[] clientFrame(byte[] payload, boolean compress) {
        int rsv1 = 0;
        if (compress) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(payload);
            byte[] out = new byte[payload.length + 64];
            int k = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            deflater.end();
            payload = Arrays.copyOf(out, k - 4); // without the 00 00 ff ff tail (RFC 7692 7.2.1)
            rsv1 = 0x40;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | rsv1 | 1);
        frame.write(0x80 | payload.length);
        byte[] mask = {1, 2, 3, 4};
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }
}
