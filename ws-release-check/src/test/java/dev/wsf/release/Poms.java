package dev.wsf.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Just enough POM reading for the checks: the files as written, no Maven model, no network. */
final class Poms {

    /** The repository root: surefire runs the tests in this module's directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private Poms() {
    }

    static Element read(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e, e);
        }
    }

    /** The direct children of {@code parent} named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    /** The element at {@code path} (direct children, one name per step), if there is one. */
    static Optional<Element> at(Element from, String... path) {
        Element current = from;
        for (String step : path) {
            List<Element> next = children(current, step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get(0);
        }
        return Optional.of(current);
    }

    /** The trimmed text at {@code path}, or "" when the element is absent. */
    static String text(Element from, String... path) {
        return at(from, path).map(e -> e.getTextContent().trim()).orElse("");
    }

    /**
     * Every module directory the root pom aggregates, in the default build and in its profiles.
     */
    static List<Path> moduleDirectories() {
        Element root = read(ROOT.resolve("pom.xml"));
        List<Element> moduleLists = new ArrayList<>();
        at(root, "modules").ifPresent(moduleLists::add);
        at(root, "profiles").ifPresent(profiles -> children(profiles, "profile")
                .forEach(profile -> at(profile, "modules").ifPresent(moduleLists::add)));
        List<Path> dirs = new ArrayList<>();
        for (Element modules : moduleLists) {
            for (Element module : children(modules, "module")) {
                Path dir = ROOT.resolve(module.getTextContent().trim());
                if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
                    throw new IllegalStateException("module without a pom: " + dir);
                }
                dirs.add(dir);
            }
        }
        return dirs;
    }

    /** Whether a module is published, that is, its pom does not set maven.deploy.skip. */
    static boolean isPublished(Element modulePom) {
        return !text(modulePom, "properties", "maven.deploy.skip").equals("true");
    }
}
