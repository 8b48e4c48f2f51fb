package dev.wsf.annotated.spi;

import dev.wsf.annotated.instance.Scopes;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.WebSocketException;
import jakarta.inject.Provider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The instance provider used when no dependency-injection container is plugged in: enough
 * {@code jakarta.inject} for small applications, and nothing magic.
 *
 * <ul>
 * <li>A class is built with its {@code @Inject} constructor, or else its no-argument one (of any
 *     visibility); then its {@code @Inject} fields are set, superclass fields first.</li>
 * <li>Each dependency is resolved the same way, recursively: from a binding if the type has one,
 *     otherwise by building the class itself. {@code Provider<T>} injection points get a
 *     provider that resolves {@code T} on each call. A dependency cycle fails.</li>
 * <li>Classes annotated with {@code @jakarta.inject.Singleton} are built once and cached.</li>
 * <li>Not supported (use a container): qualifiers such as {@code @Named}, {@code @Inject}
 *     methods, scopes other than singleton.</li>
 * </ul>
 *
 * <pre>{@code
 * var provider = SimpleInstanceProvider.builder()
 *         .bind(RoomRegistry.class, new InMemoryRoomRegistry())
 *         .bindSupplier(Clock.class, Clock::systemUTC)
 *         .build();
 * var endpoints = AnnotatedEndpoints.builder().instanceProvider(provider).add(ChatEndpoint.class).build();
 * }</pre>
 *
 * Thread-safe.
 *
 * @since 0.1
 */
public final class SimpleInstanceProvider implements InstanceProvider {
    private final Map<Class<?>, Supplier<?>> suppliers;
    private final Map<Class<?>, Class<?>> implementations;
    private final Map<Class<?>, InjectionRecipe> recipes = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> singletons = new ConcurrentHashMap<>();
    private final Object singletonLock = new Object();

    private SimpleInstanceProvider(Map<Class<?>, Supplier<?>> suppliers, Map<Class<?>, Class<?>> implementations) {
        this.suppliers = Map.copyOf(suppliers);
        this.implementations = Map.copyOf(implementations);
    }

    /**
     * A provider without bindings: every class is built from its constructor.
     *
     * @return a new provider, with no bindings
     */
    public static SimpleInstanceProvider create() {
        return new SimpleInstanceProvider(Map.of(), Map.of());
    }

    /**
     * Starts a provider with bindings: instances, suppliers or implementations for some types.
     *
     * @return a new builder, with no bindings
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T> T get(Class<T> type) {
        return type.cast(resolve(type, new ArrayDeque<>()));
    }

    @Override
    public List<String> problems(Class<?> type) {
        List<String> problems = new ArrayList<>();
        check(type, new HashSet<>(), new ArrayDeque<>(), problems);
        return problems;
    }

    private void check(Class<?> type, Set<Class<?>> checked, Deque<Class<?>> path, List<String> problems) {
        if (suppliers.containsKey(type)) {
            return;
        }
        Class<?> implementation = implementations.get(type);
        if (implementation != null) {
            check(implementation, checked, path, problems);
            return;
        }
        if (path.contains(type)) {
            problems.add("dependency cycle " + cycle(path, type) + ". Fix: break it with a Provider<"
                    + type.getSimpleName() + "> injection point");
            return;
        }
        if (!checked.add(type)) {
            return;
        }
        InjectionRecipe recipe = recipe(type);
        problems.addAll(recipe.problems());
        path.push(type);
        for (Dependency d : dependencies(recipe)) {
            if (!d.provider()) {
                check(d.type(), checked, path, problems);
            }
        }
        path.pop();
    }

    private Object resolve(Class<?> type, Deque<Class<?>> path) {
        Supplier<?> supplier = suppliers.get(type);
        if (supplier != null) {
            return supplier.get();
        }
        Class<?> implementation = implementations.get(type);
        if (implementation != null) {
            return resolve(implementation, path);
        }
        if (path.contains(type)) {
            throw new DeploymentException("dependency cycle " + cycle(path, type));
        }
        if (!Scopes.isSingleton(type)) {
            return build(type, path);
        }
        Object existing = singletons.get(type);
        if (existing != null) {
            return existing;
        }
        // One lock for all singletons: building one may need another, and a per-class lock could deadlock.
        synchronized (singletonLock) {
            existing = singletons.get(type);
            if (existing == null) {
                existing = build(type, path);
                singletons.put(type, existing);
            }
            return existing;
        }
    }

    private Object build(Class<?> type, Deque<Class<?>> path) {
        InjectionRecipe recipe = recipe(type);
        if (!recipe.problems().isEmpty()) {
            throw new DeploymentException("cannot build " + type.getName() + ": " + String.join("; ", recipe.problems()));
        }
        path.push(type);
        try {
            List<Dependency> needs = recipe.constructorDependencies();
            Object[] arguments = new Object[needs.size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = supply(needs.get(i), path);
            }
            Object instance = recipe.construct(arguments);
            for (InjectionRecipe.FieldInjection field : recipe.fields()) {
                field.setter().invokeExact(instance, supply(field.dependency(), path));
            }
            return instance;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new WebSocketException("cannot build " + type.getName() + ": " + e, e);
        } finally {
            path.pop();
        }
    }

    private Object supply(Dependency dependency, Deque<Class<?>> path) {
        if (dependency.provider()) {
            Class<?> target = dependency.type();
            return (Provider<Object>) () -> resolve(target, new ArrayDeque<>());
        }
        return resolve(dependency.type(), path);
    }

    private InjectionRecipe recipe(Class<?> type) {
        return recipes.computeIfAbsent(type, InjectionRecipe::of);
    }

    private static List<Dependency> dependencies(InjectionRecipe recipe) {
        List<Dependency> all = new ArrayList<>(recipe.constructorDependencies());
        recipe.fields().forEach(f -> all.add(f.dependency()));
        all.removeIf(Objects::isNull);
        return all;
    }

    private static String cycle(Deque<Class<?>> path, Class<?> again) {
        List<String> names = new ArrayList<>();
        path.descendingIterator().forEachRemaining(c -> names.add(c.getSimpleName()));
        names.add(again.getSimpleName());
        return String.join(" -> ", names.subList(names.indexOf(again.getSimpleName()), names.size()));
    }

    /** Collects bindings. A type bound twice keeps the last binding. */
    public static final class Builder {
        private final Map<Class<?>, Supplier<?>> suppliers = new HashMap<>();
        private final Map<Class<?>, Class<?>> implementations = new HashMap<>();

        private Builder() {
        }

        /**
         * Every request for {@code type} gets this instance.
         *
         * @param <T> the bound type
         * @param type the class asked for, by the runtime or by an injection point that depends on it
         * @param instance the instance every request gets, which must be thread-safe if several sessions use
         *                 it
         * @return this builder
         * @throws NullPointerException if {@code instance} is null
         */
        public <T> Builder bind(Class<T> type, T instance) {
            Objects.requireNonNull(instance, "instance");
            return bindSupplier(type, () -> instance);
        }

        /**
         * Every request for {@code type} gets what the supplier returns, called each time.
         *
         * @param <T> the bound type
         * @param type the class asked for, by the runtime or by an injection point that depends on it
         * @param supplier called for every request, on the thread that makes the request (a session opening,
         *                 say)
         * @return this builder
         * @throws NullPointerException if {@code supplier} is null
         */
        public <T> Builder bindSupplier(Class<T> type, Supplier<? extends T> supplier) {
            implementations.remove(type);
            suppliers.put(type, Objects.requireNonNull(supplier, "supplier"));
            return this;
        }

        /**
         * Requests for {@code type} are served by building {@code implementation} (once, if it is a
         * {@code @Singleton}).
         *
         * @param <T> the bound type
         * @param type the class asked for, by the runtime or by an injection point that depends on it
         * @param implementation the class built instead, itself resolved through this provider's bindings
         * @return this builder
         * @throws IllegalArgumentException if {@code implementation} is {@code type} itself
         * @throws NullPointerException if {@code implementation} is null
         */
        public <T> Builder bindTo(Class<T> type, Class<? extends T> implementation) {
            if (type == Objects.requireNonNull(implementation, "implementation")) {
                throw new IllegalArgumentException("binding " + type.getName() + " to itself");
            }
            suppliers.remove(type);
            implementations.put(type, implementation);
            return this;
        }

        /**
         * The provider, with a copy of the bindings.
         *
         * @return a new provider with the bindings made so far; the builder may go on
         */
        public SimpleInstanceProvider build() {
            return new SimpleInstanceProvider(suppliers, implementations);
        }
    }
}
