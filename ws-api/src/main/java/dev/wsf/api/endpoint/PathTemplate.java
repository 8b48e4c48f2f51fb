package dev.wsf.api.endpoint;

import dev.wsf.api.DeploymentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A path with optional variables, such as {@code /chat/{room}}: each segment is either literal
 * text or one whole variable {@code {name}}. A variable matches one non-empty segment, whose
 * percent-decoded value it binds.
 *
 * <p>When several templates match a path, the {@linkplain #MOST_SPECIFIC_FIRST most specific}
 * wins: comparing segment by segment from the left, a literal beats a variable. So {@code /a/b}
 * beats {@code /a/{x}}, and {@code /a/{x}/c} beats {@code /a/{x}/{y}}.
 *
 * @since 0.1
 */
public final class PathTemplate {

    /** Orders templates so that the first match in the order is the one that should win. */
    public static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST = PathTemplate::compareSpecificity;

    private final String template;
    /** Literal text per segment, or null where the segment is a variable. */
    private final String[] literals;
    /** Variable name per segment, or null where the segment is literal. */
    private final String[] variables;

    private PathTemplate(String template, String[] literals, String[] variables) {
        this.template = template;
        this.literals = literals;
        this.variables = variables;
    }

    /**
     * Parses a template.
     *
     * @param template a path starting with {@code /}, whose segments are literal text or one whole
     *                 {@code {name}} each; a name may appear only once
     * @return the parsed template
     * @throws DeploymentException naming the problem if the template is malformed
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new DeploymentException("path template must start with '/': " + template);
        }
        String[] parts = segments(template);
        String[] literals = new String[parts.length];
        String[] variables = new String[parts.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                    throw new DeploymentException("malformed variable '" + part + "' in path template " + template);
                }
                if (!seen.add(name)) {
                    throw new DeploymentException("variable {" + name + "} appears twice in path template " + template);
                }
                variables[i] = name;
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new DeploymentException("a variable must be a whole segment, like /rooms/{id}, but "
                        + template + " has segment '" + part + "'");
            } else {
                literals[i] = part;
            }
        }
        return new PathTemplate(template, literals, variables);
    }

    /**
     * The template text as given.
     *
     * @return the text given to {@link #parse}
     */
    public String template() {
        return template;
    }

    /**
     * The variable names, in order of appearance.
     *
     * @return an unmodifiable list of the names, without braces; empty for a literal template
     */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        for (String v : variables) {
            if (v != null) {
                names.add(v);
            }
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Whether the template has no variables.
     *
     * @return true if every segment is literal text
     */
    public boolean isLiteral() {
        for (String v : variables) {
            if (v != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches a request path (percent-encoded, without query string).
     *
     * @param rawPath the request path as it appears in the request line
     * @return the variables' decoded values, or empty if the path does not match
     */
    public Optional<Map<String, String>> match(String rawPath) {
        String[] parts = segments(rawPath);
        if (parts.length != literals.length) {
            return Optional.empty();
        }
        Map<String, String> values = null;
        for (int i = 0; i < parts.length; i++) {
            if (literals[i] != null) {
                if (!literals[i].equals(parts[i]) && !literals[i].equals(decode(parts[i]))) {
                    return Optional.empty();
                }
            } else {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(variables[i], decode(parts[i]));
            }
        }
        return Optional.of(values == null ? Map.of() : Collections.unmodifiableMap(values));
    }

    /**
     * Whether both templates match exactly the same paths (they differ at most in variable
     * names), so deploying both would be ambiguous.
     *
     * @param other another template
     * @return true if deploying both would be ambiguous, such as {@code /a/{x}} and {@code /a/{y}}
     */
    public boolean conflictsWith(PathTemplate other) {
        return compareSpecificity(this, other) == 0 && java.util.Arrays.equals(literals, other.literals);
    }

    private static int compareSpecificity(PathTemplate a, PathTemplate b) {
        int n = Math.min(a.literals.length, b.literals.length);
        for (int i = 0; i < n; i++) {
            boolean aLiteral = a.literals[i] != null;
            boolean bLiteral = b.literals[i] != null;
            if (aLiteral != bLiteral) {
                return aLiteral ? -1 : 1;
            }
        }
        return Integer.compare(b.literals.length, a.literals.length);
    }

    private static String[] segments(String path) {
        // "/" has one empty segment; "/a/b" has "a", "b"; a trailing slash adds an empty segment.
        return path.substring(1).split("/", -1);
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            // URLDecoder also turns '+' into a space, which is wrong in a path: protect it.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate t && template.equals(t.template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
