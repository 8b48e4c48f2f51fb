package dev.wsf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.Session;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After the warm-up, no class of the runtime or the API is left to load: a first use that comes
 * while the process is out of file descriptors cannot fail (see {@link Warmup}). Checked in a class
 * loader of its own, so what this JVM's other tests loaded does not count.
 */
class WarmupTest {

    /** Exposes which classes it has loaded. */
    private static final class Recording extends URLClassLoader {
        Recording(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void everyClassOfTheRuntimeAndTheApiIsLoadedAtStart() throws Exception {
        Path runtime = Path.of(Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path api = Path.of(Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Recording loader = new Recording(new URL[] {runtime.toUri().toURL(), api.toUri().toURL()})) {
            Class<?> warmup = Class.forName(Warmup.class.getName(), true, loader);
            Method run = warmup.getDeclaredMethod("run");
            run.setAccessible(true);
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader); // ServiceLoader looks there
            try {
                run.invoke(null);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
            List<String> missing = Stream.concat(classes(runtime, "dev/wsf/runtime"), classes(api, "dev/wsf/api"))
                    .filter(name -> !loader.loaded(name)).toList();
            assertEquals(List.of(), missing, "not loaded at start");
        }
    }

    private static Stream<String> classes(Path root, String prefix) throws java.io.IOException {
        if (!Files.isDirectory(root)) {
            return Stream.of(); // a jar: ClassPreloader reads it the same way
        }
        try (Stream<Path> files = Files.walk(root.resolve(prefix))) {
            return files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.').replace('\\', '.'))
                    .toList().stream();
        }
    }
}
