package dev.wsf.runtime.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Collects the verdict of every case run in this JVM and writes them as Markdown: a summary per
 * category, then one row per case. Runs over plain TCP go to {@code target/conformance/report.md},
 * runs over TLS to {@code target/conformance/report-tls.md}, which also lists every case whose
 * verdict differs from the plain run's when both ran in the JVM. Both are rewritten whole after
 * each test class, so they always hold everything run so far.
 */
final class ConformanceReport {
    private static final String[] CATEGORY_NAMES = {"", "Framing", "Pings/Pongs", "Reserved Bits", "Opcodes",
        "Fragmentation", "UTF-8 Handling", "Close Handling", "", "Limits/Performance", "Auto-Fragmentation", "",
        "Compression (payloads)", "Compression (parameters)"};
    private static final ConformanceReport PLAIN = new ConformanceReport("report.md", "", EchoServer.SETUP);
    private static final ConformanceReport TLS = new ConformanceReport("report-tls.md", " over TLS (wss://)",
            EchoServer.SETUP + "; " + EchoServer.TLS_SETUP);

    private final Map<String, Fuzzer> results = new ConcurrentSkipListMap<>(FuzzCase::compareIds);
    private final String fileName;
    private final String titleSuffix;
    private final String setup;

    private ConformanceReport(String fileName, String titleSuffix, String setup) {
        this.fileName = fileName;
        this.titleSuffix = titleSuffix;
        this.setup = setup;
    }

    static void add(Fuzzer f) {
        (f.overTls() ? TLS : PLAIN).results.put(f.fuzzCase.id, f);
    }

    /** The plain run's report. */
    static Path path() {
        return PLAIN.file();
    }

    /** The TLS run's report. */
    static Path tlsPath() {
        return TLS.file();
    }

    private Path file() {
        return Path.of(System.getProperty("basedir", "."), "target", "conformance", fileName);
    }

    /** Writes each report that has verdicts. */
    static synchronized void write() {
        PLAIN.writeFile();
        TLS.writeFile();
    }

    private void writeFile() {
        if (results.isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder();
        md.append("# RFC 6455 / RFC 7692 conformance (Autobahn|Testsuite equivalent)").append(titleSuffix)
                .append("\n\n")
                .append("Generated ").append(Instant.now()).append(".\n\n")
                .append("Server: ").append(setup).append(".\n\n")
                .append("Fuzzer: the Autobahn fuzzing client's behaviour and verdicts re-expressed in Java"
                        + " (failByDrop = false, 1 s close-handshake and server-drop timeouts).")
                .append(" Deflate cases: ").append(CompressionCases.messagesPerCase()).append(" messages per case.\n\n")
                .append("A case passes when both verdicts are OK, or INFORMATIONAL where Autobahn only informs.\n\n");
        Set<String> negotiated = new TreeSet<>();
        results.values().forEach(f -> {
            if (f.tlsParameters != null) {
                negotiated.add(f.tlsParameters);
            }
        });
        if (!negotiated.isEmpty()) {
            md.append("TLS as negotiated: ").append(String.join(", ", negotiated)).append(".\n\n");
        }

        Map<String, int[]> summary = new TreeMap<>(FuzzCase::compareIds);
        List<Fuzzer> all = new ArrayList<>(results.values());
        for (Fuzzer f : all) {
            int[] s = summary.computeIfAbsent(f.fuzzCase.category(), k -> new int[8]);
            s[0]++;
            s[switch (f.behavior) {
                case OK -> 1;
                case NON_STRICT -> 2;
                case INFORMATIONAL -> 3;
                case UNIMPLEMENTED -> 5;
                default -> 4;
            }]++;
            if (!f.behaviorClose.passes()) {
                s[6]++;
            }
            if (f.passed()) {
                s[7]++;
            }
        }
        md.append("## Summary\n\n| Category | Cases | OK | NON-STRICT | INFORMATIONAL | FAILED | UNIMPLEMENTED"
                + " | Close verdict not OK | Passed |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int[] total = new int[8];
        summary.forEach((category, s) -> {
            int c = Integer.parseInt(category);
            md.append("| ").append(category).append(' ').append(c < CATEGORY_NAMES.length ? CATEGORY_NAMES[c] : "");
            for (int i = 0; i < s.length; i++) {
                md.append(" | ").append(s[i]);
                total[i] += s[i];
            }
            md.append(" |\n");
        });
        md.append("| **all**");
        for (int t : total) {
            md.append(" | **").append(t).append("**");
        }
        md.append(" |\n\n");
        if (this == TLS) {
            differences(md, all);
        }
        md.append("## Cases\n\n| Case | Description | Outcome | Close | Close code | Time (ms) | Notes |\n"
                + "|---|---|---|---|---:|---:|---|\n");
        for (Fuzzer f : all) {
            String notes = f.result;
            if (!f.behaviorClose.passes()) {
                notes += "; " + f.resultClose;
            }
            if (f.wasNotCleanReason != null && !f.behaviorClose.passes()) {
                notes += " (" + f.wasNotCleanReason + ")";
            }
            if (f.violation != null) {
                notes += "; the fuzzer rejected: " + f.violation;
            }
            md.append("| ").append(f.fuzzCase.id)
                    .append(" | ").append(cell(f.fuzzCase.description))
                    .append(" | ").append(f.behavior)
                    .append(" | ").append(f.behaviorClose)
                    .append(" | ").append(f.remoteCloseCode == null ? "-" : f.remoteCloseCode)
                    .append(" | ").append(f.durationMillis())
                    .append(" | ").append(cell(notes)).append(" |\n");
        }
        try {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TLS cases whose verdicts differ from the same case's over plain TCP in this JVM. */
    private static void differences(StringBuilder md, List<Fuzzer> tls) {
        List<String> rows = new ArrayList<>();
        int compared = 0;
        for (Fuzzer f : tls) {
            Fuzzer plain = PLAIN.results.get(f.fuzzCase.id);
            if (plain == null) {
                continue;
            }
            compared++;
            if (plain.behavior != f.behavior || plain.behaviorClose != f.behaviorClose
                    || !Objects.equals(plain.remoteCloseCode, f.remoteCloseCode)) {
                rows.add("| " + f.fuzzCase.id + " | " + plain.behavior + " / " + plain.behaviorClose + " / "
                        + (plain.remoteCloseCode == null ? "-" : plain.remoteCloseCode) + " | " + f.behavior + " / "
                        + f.behaviorClose + " / " + (f.remoteCloseCode == null ? "-" : f.remoteCloseCode) + " |");
            }
        }
        md.append("## Compared with plain TCP\n\n");
        if (compared == 0) {
            md.append("The plain run of these categories did not run in this JVM; see report.md.\n\n");
            return;
        }
        md.append(compared).append(" cases ran over both; ").append(rows.size())
                .append(" differ in outcome, close verdict or close code.\n\n");
        if (!rows.isEmpty()) {
            md.append("| Case | plain (outcome / close / code) | TLS (outcome / close / code) |\n|---|---|---|\n");
            rows.forEach(r -> md.append(r).append('\n'));
            md.append('\n');
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
