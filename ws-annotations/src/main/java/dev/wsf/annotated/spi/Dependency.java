package dev.wsf.annotated.spi;

import jakarta.inject.Provider;
import jakarta.inject.Qualifier;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Something a constructor parameter or an {@code @Inject} field needs.
 *
 * @param type     the class to supply
 * @param provider whether a {@link Provider} of it is wanted rather than an instance
 * @param where    how error messages name the injection point
 */
record Dependency(Class<?> type, boolean provider, String where) {

    /**
     * Reads an injection point, or returns a problem sentence through {@code problems} and null if
     * the simple provider cannot satisfy it.
     */
    static Dependency of(Class<?> raw, Type generic, Annotation[] annotations, String where,
                         java.util.List<String> problems) {
        for (Annotation a : annotations) {
            if (a.annotationType().isAnnotationPresent(Qualifier.class)) {
                problems.add(where + " has the qualifier @" + a.annotationType().getSimpleName()
                        + ", which the simple instance provider does not support. Fix: inject a distinct type, "
                        + "or pass a dependency-injection container's InstanceProvider");
                return null;
            }
        }
        if (raw != Provider.class) {
            return new Dependency(raw, false, where);
        }
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return new Dependency(c, true, where);
        }
        problems.add(where + " is a Provider without a concrete type argument. Fix: declare Provider<SomeClass>");
        return null;
    }
}
