package dev.wsf.runtime.extension;

import dev.wsf.api.extension.ExtensionFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The extension factories a server or client may negotiate, by name: those given explicitly,
 * then those listed in {@code META-INF/services}, minus the disabled names.
 */
public final class ExtensionRegistry {
    private final Map<String, ExtensionFactory> factories;

    private ExtensionRegistry(Map<String, ExtensionFactory> factories) {
        this.factories = factories;
    }

    public static ExtensionRegistry of(List<ExtensionFactory> explicit, boolean discover, Set<String> disabled) {
        Map<String, ExtensionFactory> byName = new LinkedHashMap<>();
        for (ExtensionFactory f : explicit) {
            byName.putIfAbsent(f.name(), f);
        }
        if (discover) {
            for (ExtensionFactory f : ServiceLoader.load(ExtensionFactory.class, ExtensionRegistry.class.getClassLoader())) {
                byName.putIfAbsent(f.name(), f);
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != ExtensionRegistry.class.getClassLoader()) {
                for (ExtensionFactory f : ServiceLoader.load(ExtensionFactory.class, context)) {
                    byName.putIfAbsent(f.name(), f);
                }
            }
        }
        byName.keySet().removeAll(disabled);
        return new ExtensionRegistry(Collections.unmodifiableMap(byName));
    }

    public Optional<ExtensionFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** The factories in preference order: explicit ones first, then discovered ones. */
    public Collection<ExtensionFactory> all() {
        return factories.values();
    }
}
