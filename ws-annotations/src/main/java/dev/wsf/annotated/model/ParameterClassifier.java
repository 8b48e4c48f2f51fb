package dev.wsf.annotated.model;

import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.Topics;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.annotation.PongMessage;
import dev.wsf.api.annotation.QueryParam;
import dev.wsf.api.endpoint.PathTemplate;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out what each parameter of one callback method receives, recording a {@link Problem} for
 * every parameter it cannot make sense of. The rules are the ones {@link OnMessage} documents.
 */
final class ParameterClassifier {
    private final Class<?> endpoint;
    private final Role role;
    private final PathTemplate template;
    private final Map<Class<?>, MessageType> decodedTypes;
    private final Problems problems;

    /**
     * @param role         a client endpoint takes no path or query values
     * @param template     the server endpoint's path, or null for a client or if it is malformed
     *                     (already reported)
     * @param decodedTypes the types the endpoint's decoders produce, with the kind they decode
     */
    ParameterClassifier(Class<?> endpoint, Role role, PathTemplate template, Map<Class<?>, MessageType> decodedTypes,
                        Problems problems) {
        this.endpoint = endpoint;
        this.role = role;
        this.template = template;
        this.decodedTypes = decodedTypes;
        this.problems = problems;
    }

    /** The callback's model, or empty if it has problems (recorded). */
    Optional<CallbackModel> classify(CallbackKind kind, Method method) {
        int before = problems.size();
        Parameter[] parameters = method.getParameters();
        List<ParameterModel> models = new ArrayList<>();
        List<Integer> messageCandidates = new ArrayList<>();
        List<Integer> lastFlags = new ArrayList<>();
        List<Integer> errors = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            Class<?> type = p.getType();
            Type generic = p.getParameterizedType();
            PathParam path = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            if (path != null && query != null) {
                problem(kind, method, i, "has both @PathParam and @QueryParam", "keep one of them");
            } else if (role == Role.CLIENT && (path != null || query != null)) {
                clientRequestValue(kind, method, i, path != null);
            } else if (path != null) {
                pathParameter(kind, method, i, p, path).ifPresent(models::add);
            } else if (query != null) {
                queryParameter(kind, method, i, p, query).ifPresent(models::add);
            } else if (type == Session.class) {
                models.add(new ParameterModel(i, ParameterKind.SESSION, type, generic, null));
            } else if (type == Topics.class) {
                models.add(new ParameterModel(i, ParameterKind.TOPICS, type, generic, null));
            } else if (type == HandshakeRequest.class) {
                models.add(new ParameterModel(i, ParameterKind.HANDSHAKE_REQUEST, type, generic, null));
            } else if (type == Principal.class && role == Role.CLIENT) {
                problem(kind, method, i, "is a Principal, but a client endpoint has none: the server authenticates "
                        + "its clients, not the other way round", "remove the parameter");
            } else if (type == Principal.class) {
                models.add(new ParameterModel(i, ParameterKind.PRINCIPAL, type, generic, null));
            } else if (type == Optional.class && typeArgumentIs(generic, Principal.class)) {
                problem(kind, method, i, "is an Optional<Principal>, but the principal is passed as it is",
                        "declare java.security.Principal, which is null when no authenticator established one");
            } else if (Principal.class.isAssignableFrom(type)) {
                problem(kind, method, i, "is narrower than Principal, but the principal is whatever the "
                        + "authenticator returned", "declare the parameter as java.security.Principal and cast it");
            } else if (type == CloseReason.class && kind == CallbackKind.CLOSE) {
                models.add(new ParameterModel(i, ParameterKind.CLOSE_REASON, type, generic, null));
            } else if (Throwable.class.isAssignableFrom(type) && kind == CallbackKind.ERROR) {
                errors.add(i);
                if (type != Throwable.class) {
                    problem(kind, method, i, "is narrower than Throwable, but @OnError receives every kind "
                            + "of failure", "declare the parameter as Throwable and test it with instanceof");
                }
                models.add(new ParameterModel(i, ParameterKind.ERROR, Throwable.class, generic, null));
            } else if (Throwable.class.isAssignableFrom(type) || type == CloseReason.class) {
                String receiver = type == CloseReason.class ? "@OnClose" : "@OnError";
                problem(kind, method, i, "is supplied only to " + receiver + " methods",
                        "remove it, or move this code to the " + receiver + " method");
            } else if (kind == CallbackKind.MESSAGE && (type == boolean.class || type == Boolean.class)) {
                lastFlags.add(i);
                models.add(new ParameterModel(i, ParameterKind.LAST_FLAG, type, generic, null));
            } else if (kind == CallbackKind.MESSAGE) {
                messageCandidates.add(i);
            } else {
                problem(kind, method, i, "is not something " + kind.label() + " can supply",
                        "declare only " + allowedFor(kind));
            }
        }
        MessageKind messageKind = null;
        if (kind == CallbackKind.MESSAGE) {
            messageKind = messageParameter(method, messageCandidates, lastFlags, models);
        }
        if (kind == CallbackKind.ERROR && errors.size() != 1) {
            problems.onMethod(endpoint, kind, method, errors.isEmpty() ? "has no Throwable parameter"
                    : "has " + errors.size() + " Throwable parameters", "declare exactly one Throwable parameter");
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        models.sort(java.util.Comparator.comparingInt(ParameterModel::index));
        long limit = kind == CallbackKind.MESSAGE ? method.getAnnotation(OnMessage.class).maxMessageSize() : -1;
        return Optional.of(new CallbackModel(kind, method, models, messageKind, limit > 0 ? limit : -1));
    }

    private MessageKind messageParameter(Method method, List<Integer> candidates, List<Integer> lastFlags,
                                         List<ParameterModel> models) {
        if (candidates.isEmpty()) {
            problems.onMethod(endpoint, CallbackKind.MESSAGE, method, "has no message parameter",
                    "add a parameter for the message, e.g. String, byte[], ByteBuffer or a JSON type "
                            + "(the accepted forms are listed in @OnMessage's Javadoc)");
            return null;
        }
        if (candidates.size() > 1) {
            problems.onMethod(endpoint, CallbackKind.MESSAGE, method, "has " + candidates.size()
                    + " parameters that could be the message: " + describe(method, candidates),
                    "keep one message parameter; path and query values need @PathParam or @QueryParam");
            return null;
        }
        int index = candidates.get(0);
        Class<?> type = method.getParameterTypes()[index];
        boolean hasLast = !lastFlags.isEmpty();
        MessageKind kind = wholeOrPartial(type, hasLast);
        if (kind == null) {
            kind = decodedOrJson(method, index, type);
            if (kind == null) {
                return null;
            }
        }
        if (lastFlags.size() > 1) {
            problems.onMethod(endpoint, CallbackKind.MESSAGE, method, "has " + lastFlags.size()
                    + " boolean parameters, but only the `last` flag of a partial message may be boolean",
                    "keep one boolean parameter");
            return null;
        }
        if (hasLast && kind.shape() != MessageKind.Shape.PART) {
            problem(CallbackKind.MESSAGE, method, lastFlags.get(0), "is a `last` flag, but a "
                    + Signatures.shortName(type) + " message is always delivered whole",
                    "remove the boolean, or take the message in parts as String, ByteBuffer or byte[]");
            return null;
        }
        models.add(new ParameterModel(index, ParameterKind.MESSAGE, type,
                method.getGenericParameterTypes()[index], null));
        return kind;
    }

    /** The forms recognised by the parameter's type alone, or null. */
    private static MessageKind wholeOrPartial(Class<?> type, boolean hasLast) {
        if (type == String.class) {
            return hasLast ? MessageKind.TEXT_STRING_PART : MessageKind.TEXT_STRING;
        }
        if (type == ByteBuffer.class) {
            return hasLast ? MessageKind.BINARY_BUFFER_PART : MessageKind.BINARY_BUFFER;
        }
        if (type == byte[].class) {
            return hasLast ? MessageKind.BINARY_BYTES_PART : MessageKind.BINARY_BYTES;
        }
        if (type == Reader.class) {
            return MessageKind.TEXT_READER;
        }
        if (type == InputStream.class) {
            return MessageKind.BINARY_STREAM;
        }
        if (type == PongMessage.class) {
            return MessageKind.PONG;
        }
        return null;
    }

    private MessageKind decodedOrJson(Method method, int index, Class<?> type) {
        MessageType decoded = decodedTypes.get(type);
        if (decoded != null) {
            return decoded == MessageType.TEXT ? MessageKind.TEXT_DECODED : MessageKind.BINARY_DECODED;
        }
        String unfit = unfitForJson(type);
        if (unfit != null) {
            problem(CallbackKind.MESSAGE, method, index, "is not an accepted message type: " + unfit,
                    "use one of the forms listed in @OnMessage's Javadoc (String, Reader, ByteBuffer, byte[], "
                            + "InputStream, PongMessage, a JSON type) or list a decoder for it in "
                            + problems.annotation() + "(decoders)");
            return null;
        }
        return MessageKind.TEXT_JSON;
    }

    /** Why a type cannot be a JSON message, or null if it can. */
    private static String unfitForJson(Class<?> type) {
        String name = type.getName();
        if (type.isPrimitive() && type != void.class) {
            return null;
        }
        if (Reader.class.isAssignableFrom(type) || InputStream.class.isAssignableFrom(type)
                || ByteBuffer.class.isAssignableFrom(type)) {
            return "streams are accepted only as exactly Reader or InputStream, buffers as exactly ByteBuffer";
        }
        if (name.startsWith("java.io.") || name.startsWith("java.nio.") || name.startsWith("java.net.")
                || name.startsWith("java.util.concurrent.") || name.startsWith("dev.wsf.api.")
                || name.startsWith("java.lang.reflect.") || name.startsWith("java.lang.invoke.")) {
            return "a " + name + " cannot be decoded from JSON";
        }
        return null;
    }

    /**
     * A client chose the URI it connects to, so a path or query value would only echo what the
     * application already knows; Jakarta likewise allows {@code @PathParam} on server endpoints only.
     */
    private void clientRequestValue(CallbackKind kind, Method method, int i, boolean isPath) {
        String why = isPath ? "is a @PathParam, but a client endpoint has no path template to bind it to"
                : "is a @QueryParam, but a client endpoint reads no request: the query is the one the client wrote";
        problem(kind, method, i, why, "remove the annotation and pass the value to the instance, e.g. "
                + "AnnotatedEndpoints.client(new " + endpoint.getSimpleName() + "(value)), or read it from "
                + "Session.requestUri()");
    }

    private Optional<ParameterModel> pathParameter(CallbackKind kind, Method method, int i, Parameter p,
                                                   PathParam annotation) {
        String name = variableName(kind, method, i, p, annotation.value(), "@PathParam");
        if (name == null) {
            return Optional.empty();
        }
        boolean ok = true;
        if (template != null && !template.variables().contains(name)) {
            problem(kind, method, i, "is @PathParam(\"" + name + "\"), but path " + template.template()
                    + " has no variable {" + name + "}", template.variables().isEmpty()
                    ? "add {" + name + "} to @Endpoint(path), or remove the parameter"
                    : "use one of " + template.variables() + ", or add {" + name + "} to @Endpoint(path)");
            ok = false;
        }
        if (StringConverters.forType(p.getType()).isEmpty()) {
            problem(kind, method, i, "is a @PathParam of an unsupported type",
                    "declare it as " + StringConverters.SUPPORTED);
            ok = false;
        }
        return ok ? Optional.of(new ParameterModel(i, ParameterKind.PATH_PARAM, p.getType(),
                p.getParameterizedType(), name)) : Optional.empty();
    }

    private Optional<ParameterModel> queryParameter(CallbackKind kind, Method method, int i, Parameter p,
                                                    QueryParam annotation) {
        String name = variableName(kind, method, i, p, annotation.value(), "@QueryParam");
        if (name == null) {
            return Optional.empty();
        }
        Class<?> type = p.getType();
        boolean ok = type == List.class || type == Optional.class
                ? typeArgumentIs(p.getParameterizedType(), String.class)
                : StringConverters.forType(type).isPresent();
        if (!ok) {
            problem(kind, method, i, "is a @QueryParam of an unsupported type",
                    "declare it as List<String>, Optional<String>, " + StringConverters.SUPPORTED);
            return Optional.empty();
        }
        return Optional.of(new ParameterModel(i, ParameterKind.QUERY_PARAM, type, p.getParameterizedType(), name));
    }

    private String variableName(CallbackKind kind, Method method, int i, Parameter p, String declared,
                                String annotation) {
        if (!declared.isEmpty()) {
            return declared;
        }
        if (p.isNamePresent()) {
            return p.getName();
        }
        problem(kind, method, i, "has " + annotation + " without a name, and the class was compiled without "
                + "parameter names", "write " + annotation + "(\"name\"), or compile with javac -parameters");
        return null;
    }

    private static boolean typeArgumentIs(Type generic, Class<?> expected) {
        return generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == expected;
    }

    private static String describe(Method method, List<Integer> indexes) {
        Type[] types = method.getGenericParameterTypes();
        return String.join(" and ", indexes.stream()
                .map(i -> "parameter " + (i + 1) + " (" + Signatures.shortName(types[i]) + ")").toList());
    }

    private String allowedFor(CallbackKind kind) {
        String common = role == Role.SERVER
                ? "Session, Topics, HandshakeRequest, Principal, @PathParam and @QueryParam parameters"
                : "Session, Topics and HandshakeRequest parameters";
        return switch (kind) {
            case OPEN -> common;
            case CLOSE -> common + ", and one CloseReason";
            case ERROR -> common + ", and one Throwable";
            case MESSAGE -> common + ", the message and a boolean `last` flag";
        };
    }

    private void problem(CallbackKind kind, Method method, int index, String what, String fix) {
        problems.onParameter(endpoint, kind, method, index, what, fix);
    }
}
