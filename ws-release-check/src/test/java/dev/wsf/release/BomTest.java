package dev.wsf.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** wsf-bom pins every published module and nothing else, with wsf-parent's metadata. */
class BomTest {

    private static final String BOM = "wsf-bom";

    private final Element parent = Poms.read(Poms.ROOT.resolve("pom.xml"));
    private final Element bom = Poms.read(Poms.ROOT.resolve("ws-bom").resolve("pom.xml"));

    @Test
    void bomManagesExactlyThePublishedModules() {
        TreeSet<String> published = new TreeSet<>();
        for (Path dir : Poms.moduleDirectories()) {
            Element pom = Poms.read(dir.resolve("pom.xml"));
            String artifactId = Poms.text(pom, "artifactId");
            if (Poms.isPublished(pom) && !artifactId.equals(BOM)) {
                published.add(Poms.text(parent, "groupId") + ":" + artifactId);
            }
        }
        TreeSet<String> managed = new TreeSet<>();
        for (Element dependency : Poms.children(
                Poms.at(bom, "dependencyManagement", "dependencies").orElseThrow(), "dependency")) {
            String coordinates = Poms.text(dependency, "groupId") + ":" + Poms.text(dependency, "artifactId");
            managed.add(coordinates);
            assertEquals("${project.version}", Poms.text(dependency, "version"),
                    "wsf-bom must pin " + coordinates + " to its own version");
        }
        assertEquals(published, managed,
                "ws-bom/pom.xml must manage exactly the published modules (those without"
                        + " maven.deploy.skip); add or remove entries there");
    }

    @Test
    void bomHasTheParentsCoordinatesAndMetadata() {
        assertEquals(Poms.text(parent, "groupId"), Poms.text(bom, "groupId"), "groupId");
        assertEquals(Poms.text(parent, "version"), Poms.text(bom, "version"),
                "ws-bom has no parent, so its version must be set with the others (mvn versions:set does it)");
        assertEquals(BOM, Poms.text(bom, "artifactId"));
        for (String[] path : List.of(
                new String[] {"url"},
                new String[] {"inceptionYear"},
                new String[] {"licenses"},
                new String[] {"developers"},
                new String[] {"scm"},
                new String[] {"issueManagement"})) {
            assertEquals(normalized(parent, path), normalized(bom, path),
                    "ws-bom/pom.xml's <" + String.join("/", path) + "> must match the root pom's");
        }
        assertFalse(Poms.text(parent, "properties", "project.build.outputTimestamp").isEmpty(),
                "the root pom sets project.build.outputTimestamp (reproducible builds)");
    }

    /** The element's text with whitespace collapsed, so that layout differences do not count. */
    private static String normalized(Element pom, String... path) {
        return Poms.text(pom, path).replaceAll("\\s+", " ");
    }
}
