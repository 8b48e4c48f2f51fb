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

    /**
     * Copies {@code parameters} into an immutable list.
     *
     * @param kind which annotation the method carries
     * @param method the annotated method
     * @param parameters one entry per parameter, copied
     * @param messageKind the message form, or null for a lifecycle callback
     * @param maxMessageSize the method's own limit, or -1 for none
     */
    public CallbackModel {
        parameters = List.copyOf(parameters);
    }

    /**
     * The message parameter of an {@code @OnMessage} method.
     *
     * @return the parameter that takes the message, or empty for a lifecycle callback
     */
    public Optional<ParameterModel> messageParameter() {
        return parameters.stream().filter(p -> p.kind() == ParameterKind.MESSAGE).findFirst();
    }

    /**
     * How messages name the method: {@code Class#method(Type, Type)}.
     *
     * @return the declaring class's full name, then the method's name and short parameter types
     */
    public String signature() {
        return Signatures.of(method);
    }
}
