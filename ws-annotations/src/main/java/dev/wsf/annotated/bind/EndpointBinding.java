package dev.wsf.annotated.bind;

import dev.wsf.annotated.model.MessageKind;
import java.util.concurrent.Executor;

/**
 * Everything one endpoint class's sessions share, bound at deploy time: an invoker per callback
 * (null where the class has none), the forms of its message callbacks, how to make instances and
 * per-session values, and how to send return values. Immutable.
 */
record EndpointBinding(String name,
                       CallbackInvoker open, CallbackInvoker close, CallbackInvoker error,
                       CallbackInvoker text, MessageKind textKind,
                       CallbackInvoker binary, MessageKind binaryKind,
                       CallbackInvoker pong,
                       ReplySender replies, ConnectionValues values, EndpointInstances instances,
                       Executor streamExecutor, long streamBufferSize) {
}
