package dev.wsf.runtime.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import dev.wsf.testkit.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the server runs out of file descriptors. A server of its own ({@link FdServerMain},
 * in another JVM, loading classes from the build's directories) gets its limit lowered with
 * {@code prlimit}; connections are opened until accepting fails with EMFILE. While no descriptor
 * is left, sessions opened before keep echoing and complete their close handshakes (the closing
 * path must not need a file, such as a class not yet loaded); once the connections go, the
 * server accepts again and new sessions work from start to end.
 */
@Tag("hostile")
class FdExhaustionTest {
    static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    /** Sessions opened before the limit is lowered to what the server then holds. */
    static final int KEEPERS = 3;
    /** Connections waiting in the accept queue meanwhile: more than the keepers' closes free. */
    static final int QUEUED_FILLERS = KEEPERS + 5;
    /**
     * How long the server stays out of descriptors before the keepers talk: long enough for the
     * sessions' timers to tick twice (once a second with FdServerMain's settings). Their first
     * tick ran code nothing had run before, whose classes then could not be read: both I/O
     * loops died, and with them every session.
     */
    static final Duration HOLD = Duration.ofMillis(2200);

    @Test
    void sessionsCloseCleanlyWhileDescriptorsAreExhaustedAndTheServerRecovers() throws Exception {
        assertTrue(Files.isExecutable(PRLIMIT), "this test needs util-linux's prlimit at " + PRLIMIT);
        assertTrue(System.getProperty("java.class.path").contains("target" + java.io.File.separator + "classes"),
                "the server must load the engine from the build's class directories: "
                        + System.getProperty("java.class.path"));
        long started = System.nanoTime();
        List<Socket> fillers = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(FdServerMain.class, "-Xmx128m")) {
            int port = Integer.parseInt(server.awaitLine("READY ", Duration.ofSeconds(30)).substring(6));
            List<Peer> keepers = new ArrayList<>();
            List<String> keeperIds = new ArrayList<>();
            for (int i = 0; i < KEEPERS; i++) {
                Peer k = Peer.upgraded(port, "/echo");
                keepers.add(k);
                keeperIds.add(k.readFrame().text().substring(3));
                assertEquals("hello", k.echo("hello"));
            }
            // No descriptor left from now on, most likely before the sessions' first tick. The limit
            // caps descriptor numbers, not their count: one past the highest number open, so that
            // once the queued fillers take any gaps below it the server holds exactly `limit`.
            long held = server.openFileDescriptors();
            long limit = server.highestFileDescriptor() + 1;
            lowerLimit(server.pid(), limit);
            for (int i = 0; i < QUEUED_FILLERS; i++) {
                fillers.add(connect(port));
            }
            Eventually.until(Duration.ofSeconds(5), () -> acceptFailed(server),
                    () -> "accepting to fail with " + fillers.size() + " connections queued: " + server.err);
            holdExhausted(server, limit);
            System.out.println("HOSTILE fd exhaustion: server pid " + server.pid() + " held " + held
                    + " descriptors, its limit lowered to " + limit + "; " + KEEPERS + " sessions in, "
                    + fillers.size() + " connections queued, out of descriptors for " + HOLD.toMillis() + " ms");

            long exhausted = server.openFileDescriptors();
            for (int i = 0; i < KEEPERS; i++) { // while no descriptor is left
                // The last close freed one, which the server's next accept (every 100 ms while
                // accepting fails) gives to a queued filler: wait for that, so this close too
                // runs out of descriptors.
                Eventually.until(Duration.ofSeconds(5), () -> server.openFileDescriptors() >= exhausted,
                        () -> "the server back at " + exhausted + " descriptors: " + server.openFileDescriptors());
                Peer k = keepers.get(i);
                assertEquals("still here " + i, echoWhileExhausted(k, "still here " + i, server));
                k.send(RawFrame.of(0x8).payload(ByteBuffer.allocate(5).putShort((short) 1000).put("bye".getBytes()).array())
                        .bytes());
                Peer.Frame close = closeAnswer(k, server);
                assertEquals(1000, close.closeCode(), "the server answered the close handshake: " + close);
                k.close();
                String id = keeperIds.get(i);
                server.awaitLine("CLOSED " + id + " ", Duration.ofSeconds(10));
            }

            for (Socket s : fillers) {
                s.close();
            }
            long idle = held - KEEPERS; // what the server held before the keepers came
            Eventually.until(Duration.ofSeconds(15), () -> server.openFileDescriptors() <= idle,
                    () -> "the server's descriptors back to " + idle + ": " + server.openFileDescriptors());
            Eventually.until(Duration.ofSeconds(15), () -> count(server.out, "CLOSED ") == count(server.out, "OPEN "),
                    () -> "an onClose for every session: " + server.out);

            for (int i = 0; i < KEEPERS; i++) { // recovered: new sessions from start to end
                String id;
                try (Peer p = Peer.upgraded(port, "/echo")) {
                    id = p.readFrame().text().substring(3);
                    assertEquals("recovered", p.echo("recovered"));
                    p.send(RawFrame.of(0x8).payload(ByteBuffer.allocate(2).putShort((short) 1000).array()).bytes());
                    assertEquals(1000, p.readClose().closeCode());
                } // our end of stream ends the server's lingering after the close frames
                server.awaitLine("CLOSED " + id + " 1000", Duration.ofSeconds(10));
            }
            List<String> severe = server.err.stream().filter(l -> l.startsWith("SEVERE") || l.contains("Error")).toList();
            System.out.printf("HOSTILE fd exhaustion: %.1f s; %d sessions opened, %d closed; server stderr: %s%n",
                    (System.nanoTime() - started) / 1e9, count(server.out, "OPEN "), count(server.out, "CLOSED "),
                    server.err);
            assertEquals(List.of(), severe, "nothing failed in the server");
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    /** The echo, or a failure that shows what the server said meanwhile. */
    private static String echoWhileExhausted(Peer keeper, String message, ServerProcess server) throws IOException {
        try {
            return keeper.echo(message);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no echo of '" + message + "' within 10 s while out of descriptors; server"
                    + " stdout " + server.out + ", stderr " + server.err + "\n" + server.threadDump(), e);
        }
    }

    /** The server's close frame, or a failure that shows what the server said meanwhile. */
    private static Peer.Frame closeAnswer(Peer keeper, ServerProcess server) throws IOException {
        try {
            return keeper.readClose();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no close frame within 10 s while out of descriptors; server stdout "
                    + server.out + ", stderr " + server.err + "\n" + server.threadDump(), e);
        }
    }

    /** Lowers the soft and hard RLIMIT_NOFILE of our server process. */
    private static void lowerLimit(long pid, long limit) throws Exception {
        Process p = new ProcessBuilder(PRLIMIT.toString(), "--pid", Long.toString(pid),
                "--nofile=" + limit + ":" + limit).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "prlimit did not finish");
        assertEquals(0, p.exitValue(), "prlimit failed: " + new String(p.getInputStream().readAllBytes()));
    }

    /** Keeps the server out of descriptors for {@link #HOLD}, checking that it stays out. */
    private static void holdExhausted(ServerProcess server, long limit) {
        long end = System.nanoTime() + HOLD.toNanos();
        Eventually.until(HOLD.plusSeconds(5), () -> System.nanoTime() - end >= 0 || server.openFileDescriptors() < limit,
                () -> "the hold to end");
        assertEquals(limit, server.openFileDescriptors(), "out of descriptors throughout the hold");
    }

    private static boolean acceptFailed(ServerProcess server) {
        return server.err.stream().anyMatch(l -> l.contains("accepting connections failed"));
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(UpgradeRequestBuilder.to("/echo").bytes());
        return s;
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
}
