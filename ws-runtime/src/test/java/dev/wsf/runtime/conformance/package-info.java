/**
 * An Autobahn|Testsuite equivalent: the fuzzing client's cases of categories 1 to 7, 9, 10, 12
 * and 13, re-expressed in Java and run against our {@link dev.wsf.runtime.WebSocketServer} with an
 * echo endpoint over loopback, judged by Autobahn's own rules.
 *
 * <h2>Running</h2>
 * <ul>
 *   <li>{@code mvn -B -pl ws-runtime -am test}: categories 1-7 and 10 ({@code AutobahnConformanceTest},
 *   about 10 s; again with IO_THREAD dispatch, and again over TLS in {@code AutobahnConformanceTlsTest},
 *   about 14 s) and the fuzzer's self-tests.</li>
 *   <li>{@code mvn -B -pl ws-runtime -am test -Pinterop}: also 9, 12 and 13
 *   ({@code AutobahnConformanceSlowTest}, tag {@code conformance-slow}: about 1 minute for 9,
 *   about 16 minutes for 12 and 13 on two cores), and the same over TLS
 *   ({@code AutobahnConformanceSlowTlsTest}). {@code -Dwsf.conformance.deflateMessages=N}
 *   sends N instead of 1000 messages per compression case for a quick look.</li>
 *   <li>One case: {@code -Dtest='AutobahnConformanceTest#utf8'} runs a category; the test names
 *   are the case ids.</li>
 * </ul>
 * The verdicts of everything run in the JVM go to {@code ws-runtime/target/conformance/report.md}
 * (plain TCP) and {@code report-tls.md} (TLS, with the cases whose verdict differs from the plain
 * run's).
 *
 * <h2>Over TLS</h2>
 * The server listens for {@code wss://} only, with a certificate from a test CA made for the run;
 * the fuzzer connects to 127.0.0.1 through an {@code SSLSocket} that trusts that CA alone, checks
 * the name {@code localhost} (endpoint identification HTTPS) and sends it as SNI. The cases and the
 * verdict rules are the same; the fuzzer never half-closes, and it sees the end of a TLS stream
 * (close_notify, or TCP's end without one) as it sees the end of a TCP stream, which
 * {@code FuzzerSelfTest} checks against a sloppy peer over TLS.
 *
 * <h2>How faithful it is</h2>
 * Each case sends the octets Autobahn's case sends, in the same pieces (frame-wise and octet-wise
 * chops with a pause after each piece) and with the same pauses and timers ({@code killAfter},
 * {@code closeAfter}, {@code continueLater}); {@link dev.wsf.runtime.conformance.Fuzzer} keeps the
 * client state Autobahn keeps ({@code closedByMe}, {@code failedByMe}, {@code droppedByMe},
 * {@code wasClean}, the remote close code) and reaches the same verdicts. Where we differ:
 * <ul>
 *   <li>The compression data sets are generated stand-ins for Autobahn's files
 *   ({@link dev.wsf.runtime.conformance.CompressionData}).</li>
 *   <li>9.x compares the echoed octets, not only their length; when the server agrees to a
 *   window below 15 bits, the fuzzer holds it to that window
 *   ({@link dev.wsf.runtime.conformance.WindowedInflater}), which zlib does only in part.</li>
 *   <li>7.9.x uses the current Autobahn list of invalid close codes (1012-1014 are registered
 *   now and no longer tested as invalid).</li>
 * </ul>
 */
package dev.wsf.runtime.conformance;
