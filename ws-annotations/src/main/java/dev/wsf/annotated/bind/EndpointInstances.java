package dev.wsf.annotated.bind;

import dev.wsf.annotated.spi.InstanceProvider;

/**
 * Where a session's endpoint instance comes from: a new one from the provider for each session;
 * for {@code @Singleton} classes, one asked for on the first session and shared after; or the
 * instance the application passed in (a client's {@code connectToServer(Object, URI)} style).
 */
abstract sealed class EndpointInstances {

    static EndpointInstances of(Class<?> type, boolean singleton, InstanceProvider provider) {
        return singleton ? new Shared(type, provider) : new PerSession(type, provider);
    }

    /** Every session is handled by {@code instance}. */
    static EndpointInstances given(Object instance) {
        return new Given(instance);
    }

    /** The instance for a new session. */
    abstract Object instance();

    private static final class PerSession extends EndpointInstances {
        private final Class<?> type;
        private final InstanceProvider provider;

        PerSession(Class<?> type, InstanceProvider provider) {
            this.type = type;
            this.provider = provider;
        }

        @Override
        Object instance() {
            return provider.get(type);
        }
    }

    private static final class Given extends EndpointInstances {
        private final Object instance;

        Given(Object instance) {
            this.instance = instance;
        }

        @Override
        Object instance() {
            return instance;
        }
    }

    private static final class Shared extends EndpointInstances {
        private final Class<?> type;
        private final InstanceProvider provider;
        private volatile Object instance;

        Shared(Class<?> type, InstanceProvider provider) {
            this.type = type;
            this.provider = provider;
        }

        @Override
        Object instance() {
            Object current = instance;
            if (current == null) {
                synchronized (this) {
                    current = instance;
                    if (current == null) {
                        // Created on first use, not at deployment: a container may not be ready before.
                        current = provider.get(type);
                        instance = current;
                    }
                }
            }
            return current;
        }
    }
}
