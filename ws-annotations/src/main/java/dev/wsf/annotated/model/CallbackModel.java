package dev.wsf.annotated.model;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * A validated callback method and what each of its parameters receives.
 *
 * @param kind           which annotation the method carries
 * @param method         the method
 * @param parameters     one entry per parameter, in declaration order
 * @param messageKind    the message form for {@link CallbackKind#MESSAGE}, otherwise null
 * @param maxMessageSize the method's own message size limit, or -1 for none
 */
public record CallbackModel(CallbackKind kind, Method method, List<ParameterModel> parameters,
                            MessageKind messageKind, long maxMessageSize) {

    public CallbackModel {
        parameters = List.copyOf(parameters);
    }

    /** The message parameter of an {@code @OnMessage} method. */
    public Optional<ParameterModel> messageParameter() {
        return parameters.stream().filter(p -> p.kind() == ParameterKind.MESSAGE).findFirst();
    }

    /** How messages name the method: {@code Class#method(Type, Type)}. */
    public String signature() {
        return Signatures.of(method);
    }
}
