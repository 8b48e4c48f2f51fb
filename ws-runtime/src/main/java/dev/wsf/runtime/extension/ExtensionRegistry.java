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

    /**
     * The factories a server or client may negotiate.
     *
     * @param explicit the factories configured, first for their names
     * @param discover whether to add the factories listed in {@code META-INF/services}, through
     *                 this module's class loader and the thread's context class loader
     * @param disabled the names of extensions never to negotiate, even if configured
     * @return the registry; of two factories with the same name, the first found wins
     */
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

    /**
     * The factory for an extension name.
     *
     * @param name the extension token, as in an offer: {@code permessage-deflate}
     * @return the factory, or empty if none is registered under that name
     */
    public Optional<ExtensionFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /**
     * The factories in preference order: explicit ones first, then discovered ones.
     *
     * @return an unmodifiable view, one factory per name
     */
    public Collection<ExtensionFactory> all() {
        return factories.values();
    }
}
