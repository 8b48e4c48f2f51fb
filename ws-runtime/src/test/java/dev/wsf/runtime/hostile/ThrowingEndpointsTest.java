package dev.wsf.runtime.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 4: callbacks that throw {@link Error}s (one of the test's own, a real stack overflow,
 * an OutOfMemoryError, one thrown again from {@code onError}, one from {@code onOpen}), on the
 * I/O thread and on workers. Each closes its own session with 1011; a bystander session of the
 * same endpoint and the witness keep echoing, the I/O threads live on, and new connections work.
 */
@Tag("hostile")
class ThrowingEndpointsTest {
    static final long BUDGET = 32 * ProcessResources.MIB;
    /** Each kind twice, so that on two I/O threads dealt connections in turn both get one. */
    static final int ROUNDS = 2;
    static final List<String> MESSAGES = List.of("custom", "custom-twice", "stack", "oom");

    private static final HostileEndpoints endpoints = new HostileEndpoints();
    private static WebSocketServer server;

    @BeforeAll
    static void start() {
        server = endpoints.serve(BUDGET);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {HostileEndpoints.THROWING, HostileEndpoints.THROWING_WORKER})
    void anErrorFromACallbackClosesOnlyItsSession(String path) throws Exception {
        Set<Thread> ioThreads = ioThreads();
        assertTrue(ioThreads.size() >= 1, "the server's I/O threads: " + ioThreads);
        List<String> outcomes = new ArrayList<>();
        try (HostileRun run = HostileRun.begin("throwing endpoints " + path, server, endpoints);
             LogCapture log = LogCapture.under("dev.wsf").quietly()) {
            try (Peer bystander = Peer.upgraded(server.port(), path)) {
                for (int round = 0; round < ROUNDS; round++) {
                    for (String message : MESSAGES) {
                        try (Peer victim = Peer.upgraded(server.port(), path)) {
                            victim.send(RawFrame.text(message).bytes());
                            outcomes.add(message + ": " + victim.readClose());
                        }
                        assertEquals("after " + message, bystander.echo("after " + message));
                    }
                    try (Peer victim = Peer.upgraded(server.port(), path + "?throw=open")) {
                        outcomes.add("open: " + victim.readClose());
                    }
                    assertEquals("after open", bystander.echo("after open"));
                }
            }
            run.holdFor(10); // and the witness goes on echoing after them all
            System.out.println("HOSTILE throwing endpoints " + path + ": " + outcomes);
            for (String outcome : outcomes) {
                assertTrue(outcome.contains("CLOSE 1011"), "each Error closes its session with 1011: " + outcomes);
            }
            assertEquals(ioThreads, ioThreads(), "the same I/O threads, all alive");
            try (Peer fresh = Peer.upgraded(server.port(), path)) {
                assertEquals("new", fresh.echo("new"));
            }
            int failures = ROUNDS * (MESSAGES.size() + 1);
            List<LogRecord> reported = log.atLeast(Level.WARNING);
            assertEquals(failures, reported.size(), "each failure logged once, at WARNING or above: "
                    + reported.stream().map(r -> r.getLevel() + " " + r.getMessage()).collect(Collectors.toList()));
            run.end();
        }
    }

    /** The server's live I/O threads, by their name. */
    private static Set<Thread> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wsf-io") && t.isAlive()).collect(Collectors.toSet());
    }
}
