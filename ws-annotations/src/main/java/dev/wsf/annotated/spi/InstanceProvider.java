package dev.wsf.annotated.spi;

import java.util.List;

/**
 * Supplies instances of endpoint classes and of the encoders and decoders they list: the seam
 * where a dependency-injection container (Guice, Weld, Spring, Dagger...) plugs in.
 *
 * <p>It is asked for an endpoint instance once per session, or only once for a class annotated
 * with {@code @jakarta.inject.Singleton}, whose instance the framework then shares, and never for
 * a client endpoint instance the application passed in itself; codec instances are asked for
 * once, at deployment. Calls may come from several threads at once.
 *
 * <p>Which provider is used: the one passed to
 * {@link dev.wsf.annotated.AnnotatedEndpoints.Builder#instanceProvider}; otherwise the single
 * implementation listed in {@code META-INF/services/dev.wsf.annotated.spi.InstanceProvider},
 * if there is one; otherwise
 * {@link dev.wsf.annotated.spi.SimpleInstanceProvider}, which honours {@code @Inject}
 * constructors and fields. Finding several listed implementations fails deployment.
 *
 * @since 0.1
 */
public interface InstanceProvider {

    /**
     * An instance of {@code type}, fully injected. An exception thrown here while a session opens
     * closes that session with 1011.
     *
     * @param <T> the type asked for
     * @param type the endpoint, encoder or decoder class (or an authenticator), as listed on the endpoint
     * @return the instance to use
     */
    <T> T get(Class<T> type);

    /**
     * Checked at deployment for every class this provider will be asked for: why it could not
     * supply an instance (no usable constructor, a missing binding...), one sentence per problem,
     * each ending with the fix. The default finds none, leaving the failure to {@link #get}.
     *
     * @param type a class that {@link #get} will be asked for
     * @return the problems, empty if it can supply instances of {@code type}
     */
    default List<String> problems(Class<?> type) {
        return List.of();
    }
}
