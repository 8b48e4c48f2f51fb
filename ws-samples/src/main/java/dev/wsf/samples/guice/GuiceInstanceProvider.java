package dev.wsf.samples.guice;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.spi.Message;
import dev.wsf.annotated.spi.InstanceProvider;
import java.util.List;

/**
 * Lets Guice build the endpoints: every instance the annotation layer needs (an endpoint per
 * session, a {@code @Singleton} endpoint once, encoders and decoders) comes from the injector,
 * with everything Guice offers: modules, scopes, qualifiers, providers, AOP.
 */
public final class GuiceInstanceProvider implements InstanceProvider {
    private final Injector injector;

    public GuiceInstanceProvider(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    /**
     * Asks Guice for the binding at deployment, so that a missing one fails the server's start,
     * naming the class, rather than the first connection.
     */
    @Override
    public List<String> problems(Class<?> type) {
        try {
            injector.getBinding(type);
            return List.of();
        } catch (ConfigurationException e) {
            return e.getErrorMessages().stream()
                    .map(Message::getMessage)
                    .map(message -> message + " Fix: bind it in one of the injector's modules.")
                    .toList();
        }
    }
}
