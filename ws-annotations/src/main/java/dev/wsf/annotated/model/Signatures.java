package dev.wsf.annotated.model;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Formats classes and methods the way deployment errors name them. */
public final class Signatures {

    private Signatures() {
    }

    /**
     * {@code com.example.Chat#message(Session, ChatMessage)}: parameter types short, class full.
     *
     * @param method any method
     * @return the method's name, as deployment errors print it
     */
    public static String of(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName() + "("
                + Arrays.stream(method.getGenericParameterTypes()).map(Signatures::shortName)
                        .collect(Collectors.joining(", ")) + ")";
    }

    /**
     * A type without package names: {@code List<String>}, {@code byte[]}, {@code Chat.Message}.
     *
     * @param type a class, parameterized type, array or type variable
     * @return the type's name without packages, as deployment errors print it
     */
    public static String shortName(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return shortName(c.getComponentType()) + "[]";
            }
            String name = c.getName();
            String simple = name.substring(name.lastIndexOf('.') + 1);
            return simple.replace('$', '.');
        }
        // ParameterizedType and friends: drop the package prefixes from their usual rendering.
        return type.getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replace('$', '.');
    }
}
