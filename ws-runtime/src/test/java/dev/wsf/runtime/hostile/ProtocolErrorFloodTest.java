package dev.wsf.runtime.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: a thousand connections, each upgrading and then sending one 6-byte frame with a
 * reserved opcode. A peer breaking the protocol is routine on the internet: each gets its 1002
 * and is counted in {@code protocolViolations}, and the server logs none of it at WARNING or
 * above (a log an attacker can fill at will is an attack of its own).
 */
@Tag("hostile")
class ProtocolErrorFloodTest {
    static final int CONNECTIONS = 1000;
    static final int CLIENT_THREADS = 4;
    static final long BUDGET = 32 * ProcessResources.MIB;
    /** FIN and opcode 0x3 (reserved), masked, no payload: 2 header bytes and the 4-byte key. */
    static final byte[] BAD_FRAME = RawFrame.of(0x3).bytes();

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

    @Test
    void aThousandBadFramesAreCountedAndNotLoggedAsWarnings() throws Exception {
        assertEquals(6, BAD_FRAME.length);
        long violationsBefore = server.stats().protocolViolations();
        List<String> unexpected = new ArrayList<>();
        try (HostileRun run = HostileRun.begin("protocol-error flood", server, endpoints);
             LogCapture log = LogCapture.under("dev.wsf")) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < CLIENT_THREADS; t++) {
                    results.add(clients.submit(() -> sendBadFrames(CONNECTIONS / CLIENT_THREADS)));
                }
                for (Future<List<String>> r : results) {
                    unexpected.addAll(r.get());
                }
            } finally {
                clients.shutdownNow();
            }
            run.end();
            long counted = server.stats().protocolViolations() - violationsBefore;
            System.out.println("HOSTILE protocol-error flood: " + CONNECTIONS + " connections, " + counted
                    + " violations counted, " + log.atLeast(Level.WARNING).size() + " log records at WARNING+");
            assertEquals(List.of(), unexpected, "every bad frame answered with 1002");
            assertEquals(CONNECTIONS, counted, "protocolViolations");
            assertEquals(List.of(), log.atLeast(Level.WARNING).stream()
                    .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).collect(Collectors.toList()),
                    "nothing logged at WARNING or above");
        }
    }

    /** Opens {@code count} connections one after another; returns what was not a 1002. */
    private static List<String> sendBadFrames(int count) throws Exception {
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (Peer p = Peer.upgraded(server.port(), HostileEndpoints.ECHO)) {
                p.send(BAD_FRAME);
                Peer.Frame close = p.readClose();
                if (close.closeCode() != 1002) {
                    unexpected.add(close.toString());
                }
            }
        }
        return unexpected;
    }
}
