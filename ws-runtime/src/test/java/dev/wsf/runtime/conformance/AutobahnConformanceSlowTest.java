package dev.wsf.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heavy Autobahn categories: 9 (large messages, many round trips; timings go to the report)
 * and 12/13 (permessage-deflate, 1000 messages per case). Tagged {@code conformance-slow}, which
 * the default build leaves out and {@code -Pinterop} (CI) runs. {@link AutobahnConformanceSlowTlsTest}
 * runs them over TLS.
 */
@Tag("conformance-slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutobahnConformanceSlowTest {
    private EchoServer server;

    /** Whether the cases run over TLS ({@code wss://}) instead of plain TCP. */
    boolean tls() {
        return false;
    }

    @BeforeAll
    void startServer() {
        server = EchoServer.start(EchoServer.DISPATCH, tls());
    }

    @AfterAll
    void stopServer() {
        server.close();
        ConformanceReport.write();
    }

    static Stream<FuzzCase> limits() {
        return Catalog.category("9").stream();
    }

    static Stream<FuzzCase> compressionPayloads() {
        return Catalog.category("12").stream();
    }

    static Stream<FuzzCase> compressionParameters() {
        return Catalog.category("13").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void limits(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressionPayloads")
    void compressionPayloads(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressionParameters")
    void compressionParameters(FuzzCase c) {
        check(c);
    }

    private void check(FuzzCase c) {
        Fuzzer f = server.run(c);
        ConformanceReport.add(f);
        assertTrue(f.passed(), f::summary);
    }
}
