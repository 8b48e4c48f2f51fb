package dev.wsf.runtime.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Collects the verdict of every case run in this JVM and writes them as Markdown to
 * {@code target/conformance/report.md}: a summary per category, then one row per case. Rewritten
 * whole after each test class, so it always holds everything run so far.
 */
final class ConformanceReport {
    private static final Map<String, Fuzzer> RESULTS = new ConcurrentSkipListMap<>(FuzzCase::compareIds);
    private static final String[] CATEGORY_NAMES = {"", "Framing", "Pings/Pongs", "Reserved Bits", "Opcodes",
        "Fragmentation", "UTF-8 Handling", "Close Handling", "", "Limits/Performance", "Auto-Fragmentation", "",
        "Compression (payloads)", "Compression (parameters)"};

    private ConformanceReport() {
    }

    static void add(Fuzzer f) {
        RESULTS.put(f.fuzzCase.id, f);
    }

    static Path path() {
        return Path.of(System.getProperty("basedir", "."), "target", "conformance", "report.md");
    }

    static synchronized void write() {
        StringBuilder md = new StringBuilder();
        md.append("# RFC 6455 / RFC 7692 conformance (Autobahn|Testsuite equivalent)\n\n")
                .append("Generated ").append(Instant.now()).append(".\n\n")
                .append("Server: ").append(EchoServer.SETUP).append(".\n\n")
                .append("Fuzzer: the Autobahn fuzzing client's behaviour and verdicts re-expressed in Java"
                        + " (failByDrop = false, 1 s close-handshake and server-drop timeouts).")
                .append(" Deflate cases: ").append(CompressionCases.messagesPerCase()).append(" messages per case.\n\n")
                .append("A case passes when both verdicts are OK, or INFORMATIONAL where Autobahn only informs.\n\n");

        Map<String, int[]> summary = new TreeMap<>(FuzzCase::compareIds);
        List<Fuzzer> all = new ArrayList<>(RESULTS.values());
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
        md.append(" |\n\n## Cases\n\n| Case | Description | Outcome | Close | Close code | Time (ms) | Notes |\n"
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
            Files.createDirectories(path().getParent());
            Files.writeString(path(), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
