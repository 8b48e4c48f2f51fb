package dev.wsf.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.endpoint.Dispatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast Autobahn categories against our echo server over loopback: 1 (framing), 2 (pings and
 * pongs), 3 (reserved bits), 4 (opcodes), 5 (fragmentation), 6 (UTF-8), 7 (closing) and 10
 * (auto-fragmentation). One test per case, named by its Autobahn id; a case passes when it is OK
 * (or INFORMATIONAL where Autobahn only informs). NON-STRICT fails the test: we aim to be strict.
 * See {@link AutobahnConformanceSlowTest} for 9, 12 and 13, {@code target/conformance/report.md}
 * for the verdicts, and {@link AutobahnConformanceTlsTest} for the same cases over TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutobahnConformanceTest {
    private EchoServer server;

    /** The echo endpoint's dispatch; the report covers this one. */
    Dispatch dispatch() {
        return EchoServer.DISPATCH;
    }

    /** Whether the cases run over TLS ({@code wss://}) instead of plain TCP. */
    boolean tls() {
        return false;
    }

    /** Whether verdicts go into target/conformance/report.md (report-tls.md over TLS). */
    boolean reports() {
        return true;
    }

    @BeforeAll
    void startServer() {
        server = EchoServer.start(dispatch(), tls());
    }

    @AfterAll
    void stopServer() {
        server.close();
        if (reports()) {
            ConformanceReport.write();
        }
    }

    static Stream<FuzzCase> category(String c) {
        return Catalog.category(c).stream();
    }

    static Stream<FuzzCase> framing() {
        return category("1");
    }

    static Stream<FuzzCase> pingsAndPongs() {
        return category("2");
    }

    static Stream<FuzzCase> reservedBits() {
        return category("3");
    }

    static Stream<FuzzCase> opcodes() {
        return category("4");
    }

    static Stream<FuzzCase> fragmentation() {
        return category("5");
    }

    static Stream<FuzzCase> utf8() {
        return category("6");
    }

    static Stream<FuzzCase> closeHandling() {
        return category("7");
    }

    static Stream<FuzzCase> autoFragmentation() {
        return category("10");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framing")
    void framing(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pingsAndPongs")
    void pingsAndPongs(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedBits")
    void reservedBits(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opcodes")
    void opcodes(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fragmentation")
    void fragmentation(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("utf8")
    void utf8(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closeHandling")
    void closeHandling(FuzzCase c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("autoFragmentation")
    void autoFragmentation(FuzzCase c) {
        check(c);
    }

    void check(FuzzCase c) {
        Fuzzer f = server.run(c);
        if (reports()) {
            ConformanceReport.add(f);
        }
        assertTrue(f.passed(), f::summary);
    }
}
