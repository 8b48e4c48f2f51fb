package dev.wsf.annotated.bind;

import dev.wsf.api.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Calls one user callback through a method handle adapted, at deploy time, to a single shape:
 * {@code (instance, connectionValues, session, payload, last) -> result}. Whatever the user's
 * parameter order and types, a call is one {@code invokeExact}: no reflection, no argument array.
 */
final class CallbackInvoker {
    /** The shape every callback handle is adapted to. */
    static final MethodType SHAPE = MethodType.methodType(Object.class,
            Object.class, Object[].class, Session.class, Object.class, boolean.class);

    private final MethodHandle handle;
    private final String signature;

    CallbackInvoker(MethodHandle handle, String signature) {
        if (!handle.type().equals(SHAPE)) {
            throw new IllegalArgumentException("callback handle has type " + handle.type() + ", not " + SHAPE);
        }
        this.handle = handle;
        this.signature = signature;
    }

    /**
     * Calls the method.
     *
     * @param payload the message, close reason or error, depending on the callback; null for open
     * @param last    whether this is the last part of a message; true for whole messages
     * @return what the method returned, null for void
     */
    Object invoke(Object instance, Object[] connectionValues, Session session, Object payload, boolean last)
            throws Throwable {
        return (Object) handle.invokeExact(instance, connectionValues, session, payload, last);
    }

    /** The user method, as {@code Class#method(Types)}. */
    String signature() {
        return signature;
    }

    @Override
    public String toString() {
        return signature;
    }
}
