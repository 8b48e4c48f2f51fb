package dev.wsf.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * THIRD-PARTY.md lists exactly what a user of the published modules gets at run time: every
 * third-party artifact in their resolved compile and runtime closure, with its version, and under a
 * license we accept. The closure comes from maven-dependency-plugin (see this module's pom), which
 * works from the local repository the build has already filled.
 */
class ThirdPartyListingTest {

    /**
     * Licenses (SPDX ids) we may ship with without asking anyone first. MIT-0 is MIT without its
     * attribution clause (reactive-streams, which Lettuce needs, is under it).
     */
    private static final Set<String> ACCEPTED_LICENSES =
            Set.of("Apache-2.0", "MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause");

    /** A row of the table: | `group:artifact` | version | license | ... */
    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*`([^`:]+:[^`:]+)`\\s*\\|\\s*([^|\\s]+)\\s*\\|\\s*([^|]+?)\\s*\\|.*$");

    @Test
    void thirdPartyMdListsExactlyTheShippedDependencies() throws IOException {
        Map<String, String> shipped = shipped();
        Map<String, String> listed = new TreeMap<>();
        Map<String, String> licenses = new TreeMap<>();
        for (String line : Files.readAllLines(Poms.ROOT.resolve("THIRD-PARTY.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                listed.put(row.group(1), row.group(2));
                licenses.put(row.group(1), row.group(3));
            }
        }
        Map<String, String> unlisted = new TreeMap<>(shipped);
        unlisted.entrySet().removeAll(listed.entrySet());
        Map<String, String> notShipped = new TreeMap<>(listed);
        notShipped.entrySet().removeAll(shipped.entrySet());
        assertEquals(shipped, listed,
                "THIRD-PARTY.md must list every third-party artifact (groupId:artifactId, version) that the"
                        + " published modules bring to a user's runtime classpath, and no other."
                        + " Shipped but not listed: " + unlisted + "; listed but not shipped: " + notShipped);
        licenses.forEach((artifact, license) -> assertTrue(ACCEPTED_LICENSES.contains(license),
                artifact + " is under " + license + ", not one of " + ACCEPTED_LICENSES
                        + ": ask before shipping it, then extend the list here"));
    }

    /** groupId:artifactId to version, for every non-wsf artifact in the published modules' closure. */
    private static Map<String, String> shipped() throws IOException {
        Path list = Path.of("target", "shipped-dependencies.txt");
        if (!Files.isRegularFile(list)) {
            fail(list.toAbsolutePath() + " is missing: run the tests through Maven"
                    + " (maven-dependency-plugin:list writes it in generate-test-resources)");
        }
        Map<String, String> shipped = new TreeMap<>();
        for (String line : Files.readAllLines(list)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("The following") || trimmed.equals("none")) {
                continue;
            }
            // groupId:artifactId:type[:classifier]:version:scope, then maybe " -- module name"
            String[] parts = trimmed.split("\\s+")[0].split(":");
            if (parts.length != 5 && parts.length != 6) {
                fail("unexpected line in " + list + ": " + line);
            }
            String coordinates = parts[0] + ":" + parts[1];
            String version = parts[parts.length - 2];
            if (!parts[0].equals("dev.wsf")) {
                shipped.put(coordinates, version);
            }
        }
        return shipped;
    }
}
