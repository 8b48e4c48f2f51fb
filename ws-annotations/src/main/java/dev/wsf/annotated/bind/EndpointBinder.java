package dev.wsf.annotated.bind;

import dev.wsf.annotated.codec.JsonCodec;
import dev.wsf.annotated.codec.internal.JsonAccess;
import dev.wsf.annotated.model.CallbackKind;
import dev.wsf.annotated.model.CallbackModel;
import dev.wsf.annotated.model.CodecModel;
import dev.wsf.annotated.model.EndpointModel;
import dev.wsf.annotated.model.MessageKind;
import dev.wsf.annotated.model.MessageType;
import dev.wsf.annotated.model.ParameterKind;
import dev.wsf.annotated.model.ParameterModel;
import dev.wsf.annotated.model.Problems;
import dev.wsf.annotated.spi.InstanceProvider;
import dev.wsf.api.Role;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.codec.Decoder;
import dev.wsf.api.codec.Encoder;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointFactory;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Turns a validated {@link EndpointModel} into the {@link EndpointDefinition} the runtime serves
 * (or, for a client endpoint, connects with): instantiates the codecs, builds an invoker per
 * callback and a factory of per-session handlers.
 * Problems found on the way (an instance provider that cannot build the class, a codec whose
 * constructor fails) are recorded like validation problems.
 */
public final class EndpointBinder {
    private final InstanceProvider instances;
    private final JsonCodec json;
    private final Executor streamExecutor;
    private final long streamBufferSize;

    /**
     * @param instances        supplies endpoint and codec instances
     * @param json             decodes and encodes the types without a codec of their own
     * @param streamExecutor   runs streaming ({@code Reader}, {@code InputStream}) callbacks
     * @param streamBufferSize how many chars or bytes a stream buffers before the session waits
     */
    public EndpointBinder(InstanceProvider instances, JsonCodec json, Executor streamExecutor, long streamBufferSize) {
        this.instances = instances;
        this.json = json;
        this.streamExecutor = streamExecutor;
        this.streamBufferSize = streamBufferSize;
    }

    /**
     * The definition, or empty if binding found problems (recorded). Each session's instance comes
     * from the instance provider.
     *
     * @param model the validated endpoint class
     * @param problems where binding problems are added
     * @return the definition, or empty if binding found a problem
     */
    public Optional<EndpointDefinition> bind(EndpointModel model, Problems problems) {
        for (String problem : instances.problems(model.type())) {
            providerProblem(model.type(), "the instance provider cannot build it: ", problem, problems);
        }
        return bind(model, EndpointInstances.of(model.type(), model.singleton(), instances), problems);
    }

    /**
     * The definition whose every session is handled by {@code instance}, an instance of
     * {@code model.type()} the application made; the instance provider still makes the codecs.
     *
     * @param model the validated model of the instance's class
     * @param instance the endpoint instance, shared by every session
     * @param problems where binding problems are added
     * @return the definition, or empty if binding found a problem
     */
    public Optional<EndpointDefinition> bind(EndpointModel model, Object instance, Problems problems) {
        return bind(model, EndpointInstances.given(instance), problems);
    }

    private Optional<EndpointDefinition> bind(EndpointModel model, EndpointInstances endpointInstances,
                                              Problems problems) {
        Class<?> type = model.type();
        int before = problems.size();
        Codecs codecs = codecs(model, problems);
        Authenticator authenticator = model.authenticator() == null ? null : authenticator(model, problems);
        ConnectionValues values = ConnectionValues.of(model.allCallbacks());
        ReplySender replies = new ReplySender(codecs);
        CallbackInvoker[] lifecycle = new CallbackInvoker[CallbackKind.values().length];
        CallbackInvoker[] messages = new CallbackInvoker[MessageType.values().length];
        for (CallbackModel callback : model.allCallbacks()) {
            CallbackInvoker invoker = invoker(type, callback, values, codecs, replies.encoder(), problems);
            checkJsonAccess(type, callback, codecs, problems);
            if (callback.kind() == CallbackKind.MESSAGE) {
                messages[callback.messageKind().type().ordinal()] = invoker;
            } else {
                lifecycle[callback.kind().ordinal()] = invoker;
            }
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        MessageKind textKind = model.messageCallback(MessageType.TEXT).map(CallbackModel::messageKind).orElse(null);
        MessageKind binaryKind = model.messageCallback(MessageType.BINARY).map(CallbackModel::messageKind).orElse(null);
        EndpointBinding binding = new EndpointBinding(type.getName(),
                lifecycle[CallbackKind.OPEN.ordinal()], lifecycle[CallbackKind.CLOSE.ordinal()],
                lifecycle[CallbackKind.ERROR.ordinal()],
                messages[MessageType.TEXT.ordinal()], textKind,
                messages[MessageType.BINARY.ordinal()], binaryKind,
                messages[MessageType.PONG.ordinal()],
                replies, values, endpointInstances, streamExecutor, streamBufferSize);
        return Optional.of(definition(model, binding, textKind, binaryKind, authenticator));
    }

    private static EndpointDefinition definition(EndpointModel model, EndpointBinding binding,
                                                 MessageKind textKind, MessageKind binaryKind,
                                                 Authenticator authenticator) {
        EndpointFactory factory = request -> {
            Object[] values = binding.values().resolve(request); // may refuse: no instance wasted
            return new AnnotatedEndpointHandler(binding, binding.instances().instance(), values);
        };
        EndpointDefinition.Builder builder = (model.role() == Role.CLIENT ? EndpointDefinition.forClient(factory)
                        : EndpointDefinition.builder(model.path().template(), factory))
                .subprotocols(model.subprotocols())
                .dispatch(model.dispatch())
                .textDelivery(delivery(textKind))
                .binaryDelivery(delivery(binaryKind))
                .displayName(model.type().getName());
        long textLimit = limit(model, MessageType.TEXT, model.maxTextMessageSize());
        if (textLimit > 0) {
            builder.maxTextMessageSize(textLimit);
        }
        long binaryLimit = limit(model, MessageType.BINARY, model.maxBinaryMessageSize());
        if (binaryLimit > 0) {
            builder.maxBinaryMessageSize(binaryLimit);
        }
        binding.values().validator().ifPresent(builder::handshakeInterceptor);
        if (authenticator != null) {
            builder.authenticator(authenticator);
        }
        return builder.build();
    }

    private static Delivery delivery(MessageKind kind) {
        return kind != null && kind.needsPartialDelivery() ? Delivery.PARTIAL : Delivery.WHOLE;
    }

    /** The method's own limit wins over the endpoint's. */
    private static long limit(EndpointModel model, MessageType type, long endpointLimit) {
        return model.messageCallback(type).map(CallbackModel::maxMessageSize).filter(l -> l > 0).orElse(endpointLimit);
    }

    private Codecs codecs(EndpointModel model, Problems problems) {
        Codecs.Builder codecs = Codecs.builder(json);
        for (CodecModel decoder : model.decoders()) {
            Object instance = codecInstance(model.type(), decoder, "decoder", problems);
            if (instance != null) {
                codecs.decoder(decoder.targetType(), (Decoder) instance);
            }
        }
        for (CodecModel encoder : model.encoders()) {
            Object instance = codecInstance(model.type(), encoder, "encoder", problems);
            if (instance != null) {
                codecs.encoder(encoder.targetType(), (Encoder) instance);
            }
        }
        return codecs.build();
    }

    /** The endpoint's own authenticator, built once by the instance provider, or null if it cannot be (recorded). */
    private Authenticator authenticator(EndpointModel model, Problems problems) {
        Class<?> type = model.authenticator();
        List<String> cannot = instances.problems(type);
        for (String problem : cannot) {
            providerProblem(model.type(), "the instance provider cannot build authenticator " + type.getName() + ": ",
                    problem, problems);
        }
        if (!cannot.isEmpty()) {
            return null;
        }
        try {
            return (Authenticator) instances.get(type);
        } catch (RuntimeException e) {
            problems.onClass(model.type(), "creating authenticator " + type.getName() + " failed: " + e,
                    "make its constructor succeed, or check the instance provider's bindings");
            return null;
        }
    }

    private Object codecInstance(Class<?> endpoint, CodecModel codec, String role, Problems problems) {
        List<String> cannot = instances.problems(codec.codecClass());
        for (String problem : cannot) {
            providerProblem(endpoint, "the instance provider cannot build " + role + " "
                    + codec.codecClass().getName() + ": ", problem, problems);
        }
        if (!cannot.isEmpty()) {
            return null;
        }
        try {
            return instances.get(codec.codecClass());
        } catch (RuntimeException e) {
            problems.onClass(endpoint, "creating " + role + " " + codec.codecClass().getName() + " failed: " + e,
                    "make its constructor succeed, or check the instance provider's bindings");
            return null;
        }
    }

    private static CallbackInvoker invoker(Class<?> type, CallbackModel callback, ConnectionValues values,
                                           Codecs codecs, MessageEncoder encoder, Problems problems) {
        MethodHandle target;
        try {
            target = InvokerFactory.unreflect(callback.method());
        } catch (IllegalAccessException e) {
            problems.onMethod(type, callback.kind(), callback.method(), "is not accessible to the framework ("
                    + e.getMessage() + ")", "open its package to module dev.wsf.annotated: add \"opens " + type.getPackageName()
                    + " to dev.wsf.annotated;\" to the module-info.java of module " + type.getModule().getName());
            return null;
        }
        return InvokerFactory.create(callback, target, values, codecs, encoder);
    }

    /**
     * On the module path, Jackson must reach the classes of the JSON a callback reads (its message
     * parameter without a decoder) and writes (its declared return type without an encoder): checked
     * here, so that a package not open to Jackson fails deployment rather than every message.
     */
    private static void checkJsonAccess(Class<?> type, CallbackModel callback, Codecs codecs, Problems problems) {
        if (callback.messageKind() == MessageKind.TEXT_JSON) {
            for (ParameterModel p : callback.parameters()) {
                if (p.kind() == ParameterKind.MESSAGE) {
                    JsonAccess.unreachable(p.genericType()).ifPresent(c -> problems.onParameter(type, callback.kind(),
                            callback.method(), p.index(), "is read from JSON, but Jackson cannot reach " + c,
                            JsonAccess.fix(c, type)));
                }
            }
        }
        Class<?> returns = callback.method().getReturnType();
        if (returns != void.class && !CharSequence.class.isAssignableFrom(returns) && returns != byte[].class
                && !ByteBuffer.class.isAssignableFrom(returns) && codecs.encoderFor(returns).isEmpty()) {
            JsonAccess.unreachable(callback.method().getGenericReturnType()).ifPresent(c -> problems.onMethod(type,
                    callback.kind(), callback.method(), "returns JSON, but Jackson cannot reach " + c, JsonAccess.fix(c, type)));
        }
    }

    /** Records a provider's sentence, splitting off the fix it ends with, if it has one. */
    private static void providerProblem(Class<?> type, String prefix, String problem, Problems problems) {
        int fix = problem.indexOf(". Fix: ");
        if (fix < 0) {
            problems.onClass(type, prefix + problem, "bind the type in the instance provider, or give it a usable constructor");
        } else {
            String advice = problem.substring(fix + ". Fix: ".length());
            problems.onClass(type, prefix + problem.substring(0, fix),
                    advice.endsWith(".") ? advice.substring(0, advice.length() - 1) : advice);
        }
    }
}
