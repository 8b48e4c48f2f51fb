package dev.wsf.release;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the published API: every public and protected type and member of every package a published
 * module exports (read from its module descriptor) is listed in {@code ws-release-check/api/MODULE.txt}.
 * A change, accidental or not, fails here with the lines added and removed; an intended change is
 * accepted by regenerating the file (the failure message says how) and committing it with the change,
 * so that the API's evolution shows in review.
 */
class ApiSignatureTest {
    private static final Path PINNED = Path.of("api");
    private static final Path ACTUAL = Path.of("target/api");

    @ParameterizedTest
    @ValueSource(strings = {"dev.wsf.api:dev.wsf.api.Session", "dev.wsf.runtime:dev.wsf.runtime.WebSocketServer",
            "dev.wsf.annotated:dev.wsf.annotated.AnnotatedEndpoints",
            "dev.wsf.micrometer:dev.wsf.micrometer.MicrometerMetrics", "dev.wsf.cluster:dev.wsf.cluster.BusBuilder",
            "dev.wsf.cluster.redis:dev.wsf.cluster.redis.RedisTopicBus",
            "dev.wsf.cluster.nats:dev.wsf.cluster.nats.NatsTopicBus", "dev.wsf.test:dev.wsf.test.TestServer"})
    void theExportedApiIsTheOnePinned(String moduleAndAnchor) throws Exception {
        String module = moduleAndAnchor.substring(0, moduleAndAnchor.indexOf(':'));
        Class<?> anchor = Class.forName(moduleAndAnchor.substring(module.length() + 1));
        List<String> actual = signature(module, anchor);
        Path pinned = PINNED.resolve(module + ".txt");
        Path written = ACTUAL.resolve(module + ".txt");
        Files.createDirectories(ACTUAL);
        Files.write(written, actual);
        if (Boolean.getBoolean("wsf.api.update")) {
            Files.createDirectories(PINNED);
            Files.write(pinned, actual);
            return;
        }
        List<String> expected = Files.exists(pinned) ? Files.readAllLines(pinned) : List.of();
        if (!expected.equals(actual)) {
            Set<String> removed = new LinkedHashSet<>(expected);
            actual.forEach(removed::remove);
            Set<String> added = new LinkedHashSet<>(actual);
            expected.forEach(added::remove);
            fail("The exported API of module " + module + " differs from ws-release-check/" + pinned + ".\n"
                    + removed.stream().map(l -> "- " + l + "\n").collect(Collectors.joining())
                    + added.stream().map(l -> "+ " + l + "\n").collect(Collectors.joining())
                    + "If the change is intended (and listed in README.md's Migration section when it breaks "
                    + "users), accept it:\n  cp ws-release-check/" + written + " ws-release-check/" + pinned
                    + "\nor regenerate every file:\n  mvn -o -B -pl ws-release-check -am verify -Dwsf.api.update=true\n"
                    + "then commit the file with the change.");
        }
    }

    /** The signature lines of every exported type of {@code module}, whose classes hold {@code anchor}. */
    private static List<String> signature(String module, Class<?> anchor) throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(location).find(module).orElseThrow().descriptor();
        Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        List<String> lines = new ArrayList<>();
        lines.add("module " + module + " exports " + new TreeSet<>(exported));
        for (String className : classNames(location)) {
            int dot = className.lastIndexOf('.');
            if (!exported.contains(className.substring(0, dot))) {
                continue;
            }
            Class<?> type = Class.forName(className, false, anchor.getClassLoader());
            if (isApi(type)) {
                lines.addAll(describe(type));
            }
        }
        return lines;
    }

    private static List<String> classNames(Path location) throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.map(f -> location.relativize(f).toString().replace('\\', '/')).forEach(n -> addClass(names, n));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    addClass(names, e.nextElement().getName());
                }
            }
        }
        return List.copyOf(names);
    }

    private static void addClass(Set<String> names, String path) {
        if (path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")
                && !path.endsWith("package-info.class")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    /** Reachable by a user: public or protected, and so is every class it is nested in. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic() || !visible(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<String> describe(Class<?> type) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(typeLine(type));
        Set<String> members = new TreeSet<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic() && !type.isEnum()) {
                members.add(c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                members.add(m.toGenericString() + defaultValue(m));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                members.add(f.toGenericString());
            }
        }
        members.forEach(m -> lines.add("  " + shorten(m, type)));
        return lines;
    }

    private static String defaultValue(Method m) {
        Object value = m.getDefaultValue();
        if (value == null) {
            return "";
        }
        return " default " + (value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}) : value);
    }

    private static String typeLine(Class<?> type) {
        int modifiers = type.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
                | Modifier.ABSTRACT);
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~Modifier.ABSTRACT;
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~Modifier.ABSTRACT;
        } else if (type.isEnum()) {
            kind = "enum";
            modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT);
        } else if (type.isRecord()) {
            kind = "record";
            modifiers &= ~Modifier.FINAL;
        } else {
            kind = "class";
        }
        StringBuilder sb = new StringBuilder();
        String mods = Modifier.toString(modifiers);
        sb.append(mods.isEmpty() ? "" : mods + " ").append(kind).append(' ').append(type.getName());
        TypeVariable<?>[] parameters = type.getTypeParameters();
        if (parameters.length > 0) {
            sb.append(Arrays.stream(parameters).map(ApiSignatureTest::typeVariable).collect(Collectors.joining(", ", "<", ">")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            sb.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            sb.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            sb.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
                    .collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    private static String typeVariable(TypeVariable<?> v) {
        Type[] bounds = v.getBounds();
        if (bounds.length == 1 && bounds[0] == Object.class) {
            return v.getName();
        }
        return v.getName() + " extends " + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & "));
    }

    /** Drops the declaring type before a member's name: it is on the type's line above. */
    private static String shorten(String member, Class<?> type) {
        return member.replace(" " + type.getName() + ".", " ").replace(type.getName() + "(", "new(");
    }
}
