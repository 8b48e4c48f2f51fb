package dev.wsf.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heavy Autobahn categories: 9 (large messages, many round trips; timings go to the report)
 * and 12/13 (permessage-deflate, 1000 messages per case). Tagged {@code conformance-slow}, which
 * the default build leaves out and {@code -Pinterop} (CI) runs.
 */
@Tag("conformance-slow")
class AutobahnConformanceSlowTest {
    private static EchoServer server;

    @BeforeAll
    static void startServer() {
        server = EchoServer.start();
    }

    @AfterAll
    static void stopServer() {
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

    private static void check(FuzzCase c) {
        Fuzzer f = Fuzzer.run(c, server.address());
        ConformanceReport.add(f);
        assertTrue(f.passed(), f::summary);
    }
}
