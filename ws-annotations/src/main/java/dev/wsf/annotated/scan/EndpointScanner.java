package dev.wsf.annotated.scan;

import dev.wsf.api.DeploymentException;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the classes carrying an annotation ({@code @Endpoint} for servers, {@code @ClientEndpoint}
 * for clients) in given packages and their sub-packages, reading class files without loading
 * them; only the matches are loaded. The only user of ClassGraph.
 */
public final class EndpointScanner {

    private EndpointScanner() {
    }

    /**
     * The classes annotated with {@code annotation} in {@code packages}, sorted by name, loaded
     * (not initialized) through {@code loader}. Abstract ones are included so that deployment can
     * say what is wrong.
     *
     * @param loader loads the classes found, without initializing them
     * @param packages package names; sub-packages included; empty for none (no scan)
     * @param annotation {@code Endpoint.class} or {@code ClientEndpoint.class}
     * @return the classes, an empty list if none
     * @throws DeploymentException if a matching class cannot be loaded
     */
    public static List<Class<?>> scan(ClassLoader loader, List<String> packages,
                                      Class<? extends Annotation> annotation) {
        if (packages.isEmpty()) {
            return List.of();
        }
        List<String> names;
        try (ScanResult result = new ClassGraph()
                .enableClassInfo()
                .enableAnnotationInfo()
                .ignoreClassVisibility() // package-private endpoint classes are allowed
                .acceptPackages(packages.toArray(String[]::new))
                .scan()) {
            names = result.getClassesWithAnnotation(annotation.getName()).stream()
                    .map(ClassInfo::getName).sorted().toList();
        }
        List<Class<?>> classes = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new DeploymentException("cannot load endpoint class " + name + " found by scanning "
                        + packages + ": " + e + ". Fix: check that its dependencies are on the class path", e);
            }
        }
        return List.copyOf(classes);
    }
}
