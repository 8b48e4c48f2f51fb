package dev.wsf.annotated.codec.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;

/**
 * Whether Jackson can reach the classes of a JSON message type on the module path. Jackson reads
 * and writes a class through method handles of its own module, {@code tools.jackson.databind}: a
 * lookup wsf holds cannot be handed to it, so a package opened to {@code dev.wsf.annotated} alone
 * is not enough. The package must be open to Jackson, or (for a public class read and written
 * through public members, such as a public record) exported to it. Not exported by the module:
 * the binder's deploy-time check, and the codec's explanation of a failure at the first message.
 */
public final class JsonAccess {
    private static final Module JACKSON = ObjectMapper.class.getModule();

    private JsonAccess() {
    }

    /**
     * The module Jackson reads and writes from: its name belongs in the {@code opens} line.
     *
     * @return Jackson's module name, {@code tools.jackson.databind} also when Jackson runs from the
     *         class path
     */
    public static String jacksonModule() {
        return JACKSON.isNamed() ? JACKSON.getName() : "tools.jackson.databind";
    }

    /**
     * The first class in {@code type} (itself, its type arguments, array components and, for a
     * record, its components' types, recursively) that Jackson cannot reach: one in a named module
     * whose package is neither open to Jackson's module nor, for a public class, exported to it.
     * Empty on the class path, where every package is open.
     *
     * @param type a message parameter's or a return value's declared type
     * @return the first unreachable class, or empty if Jackson can reach every class {@code type} names
     */
    public static Optional<Class<?>> unreachable(Type type) {
        Deque<Type> pending = new ArrayDeque<>();
        Set<Type> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Type t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof Class<?> c) {
                if (c.isArray()) {
                    pending.add(c.getComponentType());
                    continue;
                }
                if (c.isPrimitive()) {
                    continue;
                }
                if (!reachable(c)) {
                    return Optional.of(c);
                }
                if (c.isRecord()) {
                    for (RecordComponent rc : c.getRecordComponents()) {
                        pending.add(rc.getGenericType());
                    }
                }
            } else if (t instanceof ParameterizedType p) {
                pending.add(p.getRawType());
                pending.addAll(List.of(p.getActualTypeArguments()));
            } else if (t instanceof GenericArrayType g) {
                pending.add(g.getGenericComponentType());
            } else if (t instanceof WildcardType w) {
                pending.addAll(List.of(w.getUpperBounds()));
            } // a type variable says nothing about the class a message will have
        }
        return Optional.empty();
    }

    /**
     * The fix for {@code type}, which {@link #unreachable} returned: the module, the package and
     * the line its module-info.java needs, {@code opens P to tools.jackson.databind;}, or
     * {@code opens P to dev.wsf.annotated, tools.jackson.databind;} for a package that is, or must
     * be, open to this module as well: one holding an endpoint class ({@code endpoint}, or null if
     * none). javac takes one {@code opens} line per package.
     *
     * @param type     the class {@link #unreachable} returned
     * @param endpoint the endpoint class whose method names {@code type}, or null
     * @return a sentence for a deployment error or a log line, naming the package, its module and
     *         the {@code opens} line to write
     */
    public static String fix(Class<?> type, Class<?> endpoint) {
        Module self = JsonAccess.class.getModule();
        String pkg = type.getPackageName();
        boolean ours = self.isNamed() && (type.getModule().isOpen(pkg, self)
                || endpoint != null && endpoint.getModule() == type.getModule() && endpoint.getPackageName().equals(pkg));
        String line = "opens " + pkg + " to " + (ours ? self.getName() + ", " : "") + jacksonModule() + ";";
        return "Jackson reads and writes JSON through its own module " + jacksonModule() + ", to which package "
                + pkg + " of module " + type.getModule().getName() + " is not open: write \"" + line
                + "\" in its module-info.java (one opens line per package)";
    }

    /**
     * Whether {@code t}, or one of its causes, says that Jackson was refused access to a class or
     * member (a package of a named module neither open nor exported to it).
     *
     * @param t a failure of Jackson reading or writing a message
     * @return true if an {@link IllegalAccessException} or {@link InaccessibleObjectException} is
     *         in its cause chain
     */
    public static boolean isAccessFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IllegalAccessException || c instanceof InaccessibleObjectException) {
                return true;
            }
        }
        return false;
    }

    private static boolean reachable(Class<?> c) {
        Module module = c.getModule();
        if (!module.isNamed() || c.isEnum()) { // Jackson reads an enum's constants without access
            return true;
        }
        String pkg = c.getPackageName();
        if (module.isOpen(pkg, JACKSON)) {
            return true;
        }
        return module.isExported(pkg, JACKSON) && isPublic(c);
    }

    private static boolean isPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
