package dev.wsf.runtime.conformance;

/**
 * The fast categories again, over TLS: the same cases and the same verdict rules, the fuzzer on
 * an {@code SSLSocket} that verifies the server's certificate against the run's test CA (see
 * {@link Fuzzer}). Every case must get the verdict it gets over plain TCP; the verdicts go to
 * {@code target/conformance/report-tls.md}, with the cases that differ from the plain run listed.
 */
class AutobahnConformanceTlsTest extends AutobahnConformanceTest {
    @Override
    boolean tls() {
        return true;
    }
}
