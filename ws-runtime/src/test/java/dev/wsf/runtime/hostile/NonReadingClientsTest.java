package dev.wsf.runtime.hostile;

import static dev.wsf.runtime.hostile.ProcessResources.MIB;
import static dev.wsf.runtime.hostile.ProcessResources.mib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 2: clients that ask for echoes and never read them. An engine that reads on
 * regardless queues every reply until the session's output limit (16 MiB by default) closes it;
 * ours stops reading a session while more than 256 KiB wait for its peer (and a worker's input
 * while 256 KiB wait for it), and sheds the sessions holding the most if the total still passes
 * the budget.
 */
@Tag("hostile")
class NonReadingClientsTest {
    /**
     * Few enough that two shared cores still serve the witness promptly: what 32 clients get
     * the server to read and echo is ~200 MiB (most of it into the kernel's socket buffers);
     * with 64, one witness echo in a hundred took over a second on a loaded machine.
     */
    static final int CLIENTS = 32;
    static final int MESSAGE = 64 * 1024;
    /** Small enough that 32 paused sessions (~300 KiB each) pass it, and the largest are shed. */
    static final long BUDGET = 8 * MIB;
    /** The default {@code maxBufferedOutput}: what each session may queue before 1008. */
    static final long OUTPUT_LIMIT = 16 * MIB;

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
    @ValueSource(strings = {HostileEndpoints.ECHO, HostileEndpoints.ECHO_WORKER})
    void clientsThatNeverReadCostTheirShareAndNoMore(String path) throws Exception {
        try (HostileRun run = HostileRun.begin("non-reading clients " + path, server, endpoints)) {
            long shedBefore = server.stats().overloadClosures();
            try (NonReadingFlood flood = new NonReadingFlood(server.port(), path, CLIENTS, MESSAGE, OUTPUT_LIMIT + MIB)) {
                boolean stalled = flood.floodUntilStalled(500, 20_000);
                run.holdFor(25);
                long shed = server.stats().overloadClosures() - shedBefore;
                // What the clients sent is mostly in the kernel's socket buffers (the server's
                // receive and send buffers grow to a few MiB each on loopback), not in the JVM.
                System.out.println("HOSTILE non-reading clients " + path + ": sent " + mib(flood.totalSent())
                        + " in all, at most " + mib(flood.maxSent()) + " by one client; " + shed + " shed with 1013");
                // Without the defence each session queues replies up to its output limit:
                // 32 x 16 MiB = 512 MiB. With it: at most the budget, plus the sessions.
                run.underAttack(CLIENTS * OUTPUT_LIMIT, BUDGET + HostileRun.BUDGET_SLACK + 4 * MIB);
                assertTrue(stalled, "the server stopped taking the clients' requests");
                assertEquals(CLIENTS + 1 - shed, server.connectionCount(),
                        "every client not shed is still connected, paused");
            }
            run.end();
        }
    }
}
