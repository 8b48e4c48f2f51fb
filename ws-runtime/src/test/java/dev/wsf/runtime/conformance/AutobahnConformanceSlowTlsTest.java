package dev.wsf.runtime.conformance;

/**
 * Categories 9, 12 and 13 over TLS, with the same verdict rules as over plain TCP (tag
 * {@code conformance-slow}, inherited: {@code -Pinterop} runs it). Verdicts go to
 * {@code target/conformance/report-tls.md}.
 */
class AutobahnConformanceSlowTlsTest extends AutobahnConformanceSlowTest {
    @Override
    boolean tls() {
        return true;
    }
}
