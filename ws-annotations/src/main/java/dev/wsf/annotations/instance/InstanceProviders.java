package dev.wsf.annotations.instance;

import dev.wsf.annotations.spi.InstanceProvider;
import dev.wsf.api.DeploymentException;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the instance provider to use when the application did not pass one. */
public final class InstanceProviders {

    private InstanceProviders() {
    }

    /**
     * The single {@link InstanceProvider} listed through {@link ServiceLoader}, or a
     * {@link SimpleInstanceProvider} without bindings if none is.
     *
     * @throws DeploymentException if several are listed: which one is meant is a guess
     */
    public static InstanceProvider discover(ClassLoader loader) {
        List<InstanceProvider> found = ServiceLoader.load(InstanceProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.size() > 1) {
            throw new DeploymentException("several InstanceProviders are listed in META-INF/services: "
                    + found.stream().map(p -> p.getClass().getName()).toList()
                    + ". Fix: pass the one to use to AnnotatedEndpoints.builder().instanceProvider(...).");
        }
        return found.isEmpty() ? SimpleInstanceProvider.create() : found.get(0);
    }
}
