package dev.wsf.annotated.spi;

import jakarta.inject.Inject;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How to build one class: which constructor to call with what, then which fields to inject. Worked
 * out once per class; building an instance then costs method-handle calls, no reflection lookup.
 */
final class InjectionRecipe {
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    /** A field to set after construction. */
    record FieldInjection(MethodHandle setter, Dependency dependency) {
    }

    private final Class<?> type;
    private final MethodHandle constructor;
    private final List<Dependency> constructorDependencies;
    private final List<FieldInjection> fields;
    private final List<String> problems;

    private InjectionRecipe(Class<?> type, MethodHandle constructor, List<Dependency> constructorDependencies,
                            List<FieldInjection> fields, List<String> problems) {
        this.type = type;
        this.constructor = constructor;
        this.constructorDependencies = constructorDependencies;
        this.fields = fields;
        this.problems = problems;
    }

    /** Works out the recipe; if the class cannot be built, {@link #problems()} says why. */
    static InjectionRecipe of(Class<?> type) {
        List<String> problems = new ArrayList<>();
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isPrimitive() || type.isArray()) {
            problems.add(type.getName() + " is abstract or an interface, and nothing is bound to it. Fix: bind an "
                    + "implementation with SimpleInstanceProvider.builder().bind(" + type.getSimpleName()
                    + ".class, ...)");
            return new InjectionRecipe(type, null, List.of(), List.of(), problems);
        }
        MethodHandles.Lookup lookup;
        try {
            InjectionRecipe.class.getModule().addReads(type.getModule());
            lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            problems.add(type.getName() + " is not accessible to the framework (" + e.getMessage() + "). Fix: open its "
                    + "package to module dev.wsf.annotated: add \"opens " + type.getPackageName()
                    + " to dev.wsf.annotated;\" to the module-info.java of module " + type.getModule().getName());
            return new InjectionRecipe(type, null, List.of(), List.of(), problems);
        }
        Constructor<?> chosen = chooseConstructor(type, problems);
        MethodHandle constructor = null;
        List<Dependency> dependencies = new ArrayList<>();
        if (chosen != null) {
            for (int i = 0; i < chosen.getParameterCount(); i++) {
                dependencies.add(Dependency.of(chosen.getParameterTypes()[i], chosen.getGenericParameterTypes()[i],
                        chosen.getParameterAnnotations()[i], "parameter " + (i + 1) + " of " + chosen, problems));
            }
            constructor = unreflect(lookup, chosen, problems);
        }
        List<FieldInjection> fields = injectedFields(type, lookup, problems);
        checkNoInjectMethods(type, problems);
        return new InjectionRecipe(type, constructor, List.copyOf(dependencies), fields, List.copyOf(problems));
    }

    private static Constructor<?> chooseConstructor(Class<?> type, List<String> problems) {
        List<Constructor<?>> injectable = new ArrayList<>();
        Constructor<?> noArgs = null;
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(Inject.class)) {
                injectable.add(c);
            } else if (c.getParameterCount() == 0) {
                noArgs = c;
            }
        }
        if (injectable.size() > 1) {
            problems.add(type.getName() + " has " + injectable.size() + " @Inject constructors. Fix: annotate one");
            return null;
        }
        if (injectable.isEmpty() && noArgs == null) {
            problems.add(type.getName() + " has neither an @Inject constructor nor a no-argument one. Fix: add one "
                    + "of them, or bind an instance with SimpleInstanceProvider.builder().bind(...)");
            return null;
        }
        return injectable.isEmpty() ? noArgs : injectable.get(0);
    }

    private static MethodHandle unreflect(MethodHandles.Lookup lookup, Constructor<?> c, List<String> problems) {
        try {
            return lookup.unreflectConstructor(c).asSpreader(Object[].class, c.getParameterCount()).asType(CONSTRUCTOR);
        } catch (IllegalAccessException e) {
            problems.add(c + " is not accessible (" + e.getMessage() + "). Fix: open its package to dev.wsf.annotated");
            return null;
        }
    }

    /** The {@code @Inject} fields, superclass fields first as JSR 330 requires. */
    private static List<FieldInjection> injectedFields(Class<?> type, MethodHandles.Lookup lookup,
                                                       List<String> problems) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(c);
        }
        Collections.reverse(hierarchy);
        List<FieldInjection> fields = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(Inject.class)) {
                    continue;
                }
                if (Modifier.isFinal(f.getModifiers()) || Modifier.isStatic(f.getModifiers())) {
                    problems.add("@Inject field " + f + " is final or static. Fix: make it a non-final instance field, "
                            + "or inject it through the constructor");
                    continue;
                }
                Dependency dependency = Dependency.of(f.getType(), f.getGenericType(), f.getAnnotations(),
                        "@Inject field " + c.getName() + "." + f.getName(), problems);
                try {
                    MethodHandle setter = MethodHandles.privateLookupIn(c, lookup).unreflectSetter(f).asType(SETTER);
                    if (dependency != null) {
                        fields.add(new FieldInjection(setter, dependency));
                    }
                } catch (IllegalAccessException e) {
                    problems.add("@Inject field " + f + " is not accessible (" + e.getMessage()
                            + "). Fix: open its package to dev.wsf.annotated");
                }
            }
        }
        return List.copyOf(fields);
    }

    private static void checkNoInjectMethods(Class<?> type, List<String> problems) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Inject.class)) {
                    problems.add("@Inject method " + m + " is not supported by the simple instance provider. Fix: "
                            + "inject through the constructor or a field, or use a dependency-injection container");
                }
            }
        }
    }

    Class<?> type() {
        return type;
    }

    List<String> problems() {
        return problems;
    }

    List<Dependency> constructorDependencies() {
        return constructorDependencies;
    }

    List<FieldInjection> fields() {
        return fields;
    }

    /** Calls the constructor; {@code arguments} match {@link #constructorDependencies()}. */
    Object construct(Object[] arguments) throws Throwable {
        return (Object) constructor.invokeExact(arguments);
    }
}
