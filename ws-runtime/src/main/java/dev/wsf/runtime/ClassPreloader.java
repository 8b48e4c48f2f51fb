package dev.wsf.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads, without initializing, every class under a package prefix from the directory or jar an
 * anchor class was loaded from: see {@link Warmup} for why. Best effort: whatever cannot be
 * listed or loaded is skipped (a module image, an exotic class loader).
 */
final class ClassPreloader {
    private ClassPreloader() {
    }

    static void loadAll(Class<?> anchor, String prefix) {
        ClassLoader loader = anchor.getClassLoader();
        URL location = anchor.getProtectionDomain().getCodeSource() == null ? null
                : anchor.getProtectionDomain().getCodeSource().getLocation();
        if (loader == null || location == null) {
            return;
        }
        try {
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path.resolve(prefix))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> load(loader, path.relativize(f).toString().replace('\\', '/')));
                }
            } else if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(prefix) && name.endsWith(".class")) {
                            load(loader, name);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // best effort: the scenarios of the warm-up still load the paths they run
        }
    }

    private static void load(ClassLoader loader, String resource) {
        if (resource.endsWith("module-info.class") || resource.endsWith("package-info.class")) {
            return;
        }
        String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // e.g. a class whose optional dependency is absent: not on any path we run
        }
    }
}
