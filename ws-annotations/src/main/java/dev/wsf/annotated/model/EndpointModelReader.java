package dev.wsf.annotated.model;

import dev.wsf.api.DeploymentException;
import dev.wsf.api.Role;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.PathTemplate;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads an {@code @Endpoint} class (for a server) or a {@code @ClientEndpoint} class (for a
 * client) into an {@link EndpointModel}, checking everything that can be checked before a
 * session exists. Every problem found is recorded, not just the first. Both roles share every
 * rule except the path: a client has none, so it takes no {@code @PathParam} or {@code @QueryParam}.
 */
public final class EndpointModelReader {
    private final Role role;
    private final Predicate<Class<?>> singletonScope;

    /**
     * @param role           which annotation to read: {@code @Endpoint} or {@code @ClientEndpoint}
     * @param singletonScope tells whether a class asks for one shared instance
     */
    public EndpointModelReader(Role role, Predicate<Class<?>> singletonScope) {
        this.role = role;
        this.singletonScope = singletonScope;
    }

    /**
     * The model of a class whose instances the instance provider will make, or empty if it has
     * problems, which are added to {@code problems}.
     *
     * @param type the class, annotated for this reader's role
     * @param problems where the class's problems are added
     * @return the model, or empty if {@code type} has any problem
     */
    public Optional<EndpointModel> read(Class<?> type, Problems problems) {
        return read(type, true, problems);
    }

    /**
     * The model of the class of an instance the application made itself: as {@link #read}, except
     * that the class need not be instantiable (an inner or local class is fine) and is never a
     * singleton, since the given instance is the one used.
     *
     * @param type the instance's class
     * @param problems where the class's problems are added
     * @return the model, never a singleton, or empty if {@code type} has any problem
     */
    public Optional<EndpointModel> readInstanceClass(Class<?> type, Problems problems) {
        return read(type, false, problems);
    }

    private Optional<EndpointModel> read(Class<?> type, boolean instantiated, Problems problems) {
        int before = problems.size();
        Optional<EndpointAnnotation> annotation = EndpointAnnotation.of(type, role);
        if (annotation.isEmpty()) {
            missingAnnotation(type, problems);
            return Optional.empty();
        }
        EndpointAnnotation endpoint = annotation.get();
        if (instantiated) {
            checkShape(type, problems);
        }
        PathTemplate path = role == Role.SERVER ? parsePath(type, endpoint.path(), problems) : null;
        if (endpoint.authenticator() != null) {
            checkAuthenticator(type, endpoint.authenticator(), problems);
        }
        List<CodecModel> encoders = CodecModelReader.encoders(type, endpoint.encoders(), problems);
        List<CodecModel> decoders = CodecModelReader.decoders(type, endpoint.decoders(), problems);
        Map<Class<?>, MessageType> decodedTypes = new HashMap<>();
        for (CodecModel d : decoders) {
            MessageType previous = decodedTypes.put(d.targetType(), d.messageType());
            if (previous != null && previous != d.messageType()) {
                problems.onClass(type, "decoders has both a text and a binary decoder for "
                        + d.targetType().getName() + ", so a parameter of that type is ambiguous",
                        "keep one of them");
            }
        }
        ParameterClassifier classifier = new ParameterClassifier(type, role, path, decodedTypes, problems);
        Map<CallbackKind, CallbackModel> lifecycle = new EnumMap<>(CallbackKind.class);
        Map<MessageType, CallbackModel> messages = new EnumMap<>(MessageType.class);
        for (Method method : callbackMethods(type)) {
            Optional<CallbackKind> kind = callbackKind(type, method, problems);
            if (kind.isEmpty() || !checkModifiers(type, kind.get(), method, problems)) {
                continue;
            }
            classifier.classify(kind.get(), method).ifPresent(callback -> {
                if (callback.kind() == CallbackKind.MESSAGE) {
                    addMessageCallback(type, callback, messages, endpoint.dispatch(), problems);
                } else {
                    addLifecycleCallback(type, callback, lifecycle, problems);
                }
            });
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new EndpointModel(type, role, path, endpoint.subprotocols(),
                endpoint.dispatch(), limit(endpoint.maxTextMessageSize()), limit(endpoint.maxBinaryMessageSize()),
                instantiated && singletonScope.test(type), lifecycle, messages, encoders, decoders,
                endpoint.authenticator()));
    }

    /** Says which annotation is missing, and what to do when the class carries the other one. */
    private void missingAnnotation(Class<?> type, Problems problems) {
        if (role == Role.SERVER && type.isAnnotationPresent(ClientEndpoint.class)) {
            problems.onClass(type, "it is a @ClientEndpoint, which servers do not serve",
                    "connect it with AnnotatedEndpoints.client(...), or also annotate it with "
                            + "@Endpoint(path = \"/...\") to serve it");
        } else if (role == Role.CLIENT && type.isAnnotationPresent(Endpoint.class)) {
            problems.onClass(type, "it is an @Endpoint, which says how to serve it but not how to act as a client",
                    "also annotate it with @ClientEndpoint to connect with it");
        } else if (type.getSuperclass() != null && EndpointAnnotation.of(type.getSuperclass(), role).isPresent()) {
            problems.onClass(type, "its superclass " + type.getSuperclass().getName() + " carries "
                    + problems.annotation() + ", but annotations are not inherited", type.isAnonymousClass()
                    ? "use a named subclass annotated with " + problems.annotation() + ", or the superclass itself"
                    : "annotate this class with " + problems.annotation() + " too");
        } else if (role == Role.SERVER) {
            problems.onClass(type, "the class has no @Endpoint annotation", "annotate it with @Endpoint(path = \"/...\")");
        } else {
            problems.onClass(type, "the class has no @ClientEndpoint annotation", "annotate it with @ClientEndpoint");
        }
    }

    private static void checkShape(Class<?> type, Problems problems) {
        if (type.isInterface() || type.isEnum() || Modifier.isAbstract(type.getModifiers())) {
            problems.onClass(type, "the class is abstract, an interface or an enum, so it cannot be instantiated",
                    "annotate a concrete class");
        } else if (type.isAnonymousClass() || type.isLocalClass()) {
            problems.onClass(type, "the class is anonymous or local", "make it a top-level or static nested class");
        } else if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            problems.onClass(type, "the class is an inner class, which needs an enclosing instance",
                    "declare it static");
        }
    }

    /**
     * What can be told from the authenticator class alone; whether the instance provider can build
     * it (an interface may be bound to an implementation) is checked when the endpoint is bound.
     */
    private static void checkAuthenticator(Class<?> type, Class<?> authenticator, Problems problems) {
        String named = "authenticator " + authenticator.getName();
        if (authenticator.isAnonymousClass() || authenticator.isLocalClass()) {
            problems.onClass(type, named + " is anonymous or local, so nothing can build it",
                    "make it a top-level or static nested class");
        } else if (authenticator.isMemberClass() && !Modifier.isStatic(authenticator.getModifiers())) {
            problems.onClass(type, named + " is an inner class, which needs an enclosing instance",
                    "declare it static");
        }
    }

    private static PathTemplate parsePath(Class<?> type, String path, Problems problems) {
        try {
            return PathTemplate.parse(path);
        } catch (DeploymentException e) {
            problems.onClass(type, "its path is invalid: " + e.getMessage(),
                    "write a path such as /chat or /chat/{room}");
            return null;
        }
    }

    /**
     * The methods carrying a callback annotation, from the class and its superclasses. A method
     * overridden in a subclass is taken once: invoking it dispatches to the override anyway.
     */
    private static List<Method> callbackMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            // Declaration order is unspecified; sorting keeps error messages stable.
            Arrays.sort(declared, java.util.Comparator.comparing(Method::toString));
            for (Method m : declared) {
                if (m.isSynthetic() || m.isBridge() || !hasCallbackAnnotation(m)) {
                    continue;
                }
                if (seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    private static boolean hasCallbackAnnotation(Method m) {
        for (CallbackKind kind : CallbackKind.values()) {
            if (m.isAnnotationPresent(kind.annotation())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<CallbackKind> callbackKind(Class<?> type, Method method, Problems problems) {
        List<CallbackKind> kinds = new ArrayList<>();
        for (CallbackKind kind : CallbackKind.values()) {
            if (method.isAnnotationPresent(kind.annotation())) {
                kinds.add(kind);
            }
        }
        if (kinds.size() > 1) {
            problems.onMethod(type, kinds.get(0), method, "carries " + kinds.size() + " callback annotations "
                    + kinds.stream().map(CallbackKind::label).toList(),
                    "give each callback its own method");
            return Optional.empty();
        }
        return Optional.of(kinds.get(0));
    }

    private static boolean checkModifiers(Class<?> type, CallbackKind kind, Method method, Problems problems) {
        boolean ok = true;
        if (!Modifier.isPublic(method.getModifiers())) {
            problems.onMethod(type, kind, method, "is not public", "make it public");
            ok = false;
        }
        if (Modifier.isStatic(method.getModifiers())) {
            problems.onMethod(type, kind, method, "is static", "make it an instance method");
            ok = false;
        }
        if (method.getTypeParameters().length > 0) {
            problems.onMethod(type, kind, method, "declares type variables, so its parameter types are unknown",
                    "use concrete parameter types");
            ok = false;
        }
        if (kind == CallbackKind.CLOSE && method.getReturnType() != void.class) {
            problems.onMethod(type, kind, method, "returns " + Signatures.shortName(method.getGenericReturnType())
                    + ", but nothing can be sent once the session has closed", "make it void");
            ok = false;
        }
        return ok;
    }

    private static void addLifecycleCallback(Class<?> type, CallbackModel callback,
                                             Map<CallbackKind, CallbackModel> lifecycle, Problems problems) {
        CallbackModel previous = lifecycle.putIfAbsent(callback.kind(), callback);
        if (previous != null) {
            problems.onMethod(type, callback.kind(), callback.method(), "is a second " + callback.kind().label()
                    + " method; the first is " + previous.signature(), "keep one " + callback.kind().label()
                    + " method per class");
        }
    }

    private static void addMessageCallback(Class<?> type, CallbackModel callback,
                                           Map<MessageType, CallbackModel> messages, Dispatch dispatch,
                                           Problems problems) {
        MessageKind kind = callback.messageKind();
        CallbackModel previous = messages.putIfAbsent(kind.type(), callback);
        if (previous != null) {
            problems.onMethod(type, CallbackKind.MESSAGE, callback.method(), "is a second @OnMessage method for "
                    + kind.type().label() + " messages; the first is " + previous.signature(),
                    "keep one @OnMessage method per message type (text, binary, pong), and dispatch on the "
                            + "message's content inside it");
        }
        if (kind.shape() == MessageKind.Shape.STREAM && dispatch == Dispatch.IO_THREAD) {
            problems.onMethod(type, CallbackKind.MESSAGE, callback.method(), "reads a stream, which blocks, but the "
                    + "endpoint uses Dispatch.IO_THREAD", "remove dispatch = IO_THREAD from " + problems.annotation()
                    + " (the default, WORKER, lets callbacks block), or take the message in parts");
        }
        if (kind == MessageKind.PONG && callback.maxMessageSize() > 0) {
            problems.onMethod(type, CallbackKind.MESSAGE, callback.method(), "sets maxMessageSize, but pongs "
                    + "are control frames of at most 125 bytes", "remove maxMessageSize");
        }
    }

    private static long limit(long declared) {
        return declared > 0 ? declared : -1;
    }
}
