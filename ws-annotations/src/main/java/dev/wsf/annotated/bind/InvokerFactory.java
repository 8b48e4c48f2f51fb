package dev.wsf.annotated.bind;

import dev.wsf.annotated.model.CallbackModel;
import dev.wsf.annotated.model.MessageKind;
import dev.wsf.annotated.model.ParameterModel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Adapts a user method to the {@link CallbackInvoker#SHAPE} shape, once, at deploy time.
 *
 * <p>The method handle goes through three steps: each parameter gets a filter that produces it
 * from one of the shape's arguments (a cast, a decoder, a read from the connection values, a
 * copy); {@code permuteArguments} then routes the shape's arguments to the filtered positions,
 * dropping the ones the method does not want and duplicating any it wants twice; {@code asType}
 * finally erases the receiver and return types ({@code void} becomes a {@code null} result).
 */
final class InvokerFactory {
    private static final int INSTANCE = 0;
    private static final int VALUES = 1;
    private static final int SESSION = 2;
    private static final int PAYLOAD = 3;
    private static final int LAST = 4;

    private static final MethodHandle ARRAY_GET = MethodHandles.arrayElementGetter(Object[].class);
    /** {@code (MessageEncoder, Session) -> Topics}: the session's topics, publishing objects as replies are sent. */
    private static final MethodHandle TOPICS_OF;

    static {
        try {
            TOPICS_OF = MethodHandles.lookup().findStatic(EncodingTopics.class, "of",
                    MethodType.methodType(dev.wsf.api.Topics.class, MessageEncoder.class, dev.wsf.api.Session.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private InvokerFactory() {
    }

    /**
     * The invoker of {@code callback}, given a handle that calls its method.
     *
     * @param target the unreflected method: {@code (DeclaringClass, P1..Pn) -> R}
     */
    static CallbackInvoker create(CallbackModel callback, MethodHandle target, ConnectionValues values, Codecs codecs,
                                  MessageEncoder encoder) {
        MethodHandle h = target.asType(target.type().changeParameterType(0, Object.class));
        int[] reorder = new int[h.type().parameterCount()];
        reorder[0] = INSTANCE;
        for (ParameterModel p : callback.parameters()) {
            int position = p.index() + 1;
            switch (p.kind()) {
                case SESSION -> reorder[position] = SESSION;
                case TOPICS -> {
                    h = MethodHandles.filterArguments(h, position, TOPICS_OF.bindTo(encoder));
                    reorder[position] = SESSION;
                }
                case HANDSHAKE_REQUEST, PRINCIPAL, PATH_PARAM, QUERY_PARAM -> {
                    h = MethodHandles.filterArguments(h, position, connectionValue(values.indexOf(p), p.type()));
                    reorder[position] = VALUES;
                }
                case MESSAGE -> {
                    h = MethodHandles.filterArguments(h, position, message(callback.messageKind(), p, codecs));
                    reorder[position] = PAYLOAD;
                }
                case CLOSE_REASON, ERROR -> {
                    h = MethodHandles.filterArguments(h, position, Payloads.cast(p.type()));
                    reorder[position] = PAYLOAD;
                }
                case LAST_FLAG -> {
                    if (p.type() == Boolean.class) { // boxing a boolean uses the two cached constants
                        h = MethodHandles.filterArguments(h, position,
                                MethodHandles.identity(boolean.class).asType(MethodType.methodType(Boolean.class, boolean.class)));
                    }
                    reorder[position] = LAST;
                }
            }
        }
        MethodType shape = CallbackInvoker.SHAPE.changeReturnType(h.type().returnType());
        h = MethodHandles.permuteArguments(h, shape, reorder);
        return new CallbackInvoker(h.asType(CallbackInvoker.SHAPE), callback.signature());
    }

    /**
     * A handle that calls {@code method} on an instance.
     *
     * @throws IllegalAccessException if the method's class is in a module that does not open its
     *                                package to this one
     */
    static MethodHandle unreflect(Method method) throws IllegalAccessException {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException e) {
            // A class that is not public, or whose package its module does not export: needs the
            // class's own lookup, which a named module grants by opening the package to this one.
            Class<?> type = method.getDeclaringClass();
            InvokerFactory.class.getModule().addReads(type.getModule());
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).unreflect(method);
        }
    }

    /** {@code (Object[]) -> type}: reads one slot of the connection values. */
    private static MethodHandle connectionValue(int index, Class<?> type) {
        return MethodHandles.insertArguments(ARRAY_GET, 1, index)
                .asType(MethodType.methodType(type, Object[].class));
    }

    /** {@code (Object) -> parameter type}: adapts the delivered message. */
    private static MethodHandle message(MessageKind kind, ParameterModel p, Codecs codecs) {
        return switch (kind) {
            case BINARY_BYTES, BINARY_BYTES_PART -> Payloads.copyBytes();
            case TEXT_DECODED, TEXT_JSON -> Payloads.decodeText(codecs.textDecoder(p.type(), p.genericType()), p.type());
            case BINARY_DECODED -> Payloads.decodeBinary(codecs.binaryDecoder(p.type()), p.type());
            // The rest are delivered as the declared type: String, Reader, ByteBuffer, InputStream, PongMessage.
            default -> Payloads.cast(p.type());
        };
    }
}
