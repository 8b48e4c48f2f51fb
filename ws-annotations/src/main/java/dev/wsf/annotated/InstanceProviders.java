package dev.wsf.annotated;

import dev.wsf.annotated.spi.SimpleInstanceProvider;
import dev.wsf.annotated.spi.InstanceProvider;
import dev.wsf.api.DeploymentException;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the instance provider to use when the application did not pass one. */
final class InstanceProviders {

    private InstanceProviders() {
    }

    /**
     * The single {@link InstanceProvider} listed through {@link ServiceLoader}, or a
     * {@link SimpleInstanceProvider} without bindings if none is.
     *
     * @throws DeploymentException if several are listed (which one is meant would be a guess), or
     *                             if a listed one cannot be instantiated
     */
    public static InstanceProvider discover(ClassLoader loader) {
        List<InstanceProvider> found;
        try {
            found = ServiceLoader.load(InstanceProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new DeploymentException("cannot load an InstanceProvider listed in META-INF/services: " + e.getMessage()
                    + ". Fix: give it a public no-argument constructor, or remove it from the services file", e);
        }
        if (found.size() > 1) {
            throw new DeploymentException("several InstanceProviders are listed in META-INF/services: "
                    + found.stream().map(p -> p.getClass().getName()).toList()
                    + ". Fix: pass the one to use to AnnotatedEndpoints.builder().instanceProvider(...).");
        }
        return found.isEmpty() ? SimpleInstanceProvider.create() : found.get(0);
    }
}
