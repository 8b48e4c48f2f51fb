package dev.wsf.annotated.bind;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.PongMessage;
import dev.wsf.api.codec.DecodeException;
import dev.wsf.api.endpoint.EndpointHandler;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * The handler of one session of an annotated endpoint: routes each event to the user's callback
 * and applies the error policy {@code @OnError} documents.
 *
 * <p>The runtime calls it serially, so its only mutable state (a streaming message in progress)
 * needs no synchronization. A whole message costs one {@code invokeExact} and no allocation of
 * ours; a decoded message costs what its decoder allocates.
 */
final class AnnotatedEndpointHandler implements EndpointHandler {
    private static final System.Logger LOG = System.getLogger(AnnotatedEndpointHandler.class.getName());

    private final EndpointBinding endpoint;
    private final Object instance;
    private final Object[] values;
    /** The message being streamed to a Reader or InputStream callback, if any. */
    private StreamingCall stream;

    AnnotatedEndpointHandler(EndpointBinding endpoint, Object instance, Object[] values) {
        this.endpoint = endpoint;
        this.instance = instance;
        this.values = values;
    }

    @Override
    public void onOpen(Session session) {
        if (endpoint.open() != null) {
            call(endpoint.open(), session, null, true);
        }
    }

    @Override
    public void onText(Session session, String message) {
        if (endpoint.text() == null) {
            unsupported(session, "text");
        } else if (endpoint.textKind().needsPartialDelivery()) {
            onTextPart(session, message, true); // a runtime may deliver a one-part message whole
        } else {
            call(endpoint.text(), session, message, true);
        }
    }

    @Override
    public void onTextPart(Session session, String part, boolean last) {
        if (endpoint.text() == null) {
            unsupported(session, "text");
            return;
        }
        switch (endpoint.textKind().shape()) {
            case PART -> call(endpoint.text(), session, part, last);
            case STREAM -> streamPart(endpoint.text(), session, part, part.length(), last, true);
            case WHOLE -> throw wholeOnly("text");
        }
    }

    @Override
    public void onBinary(Session session, ByteBuffer message) {
        if (endpoint.binary() == null) {
            unsupported(session, "binary");
        } else if (endpoint.binaryKind().needsPartialDelivery()) {
            onBinaryPart(session, message, true);
        } else {
            call(endpoint.binary(), session, message, true);
        }
    }

    @Override
    public void onBinaryPart(Session session, ByteBuffer part, boolean last) {
        if (endpoint.binary() == null) {
            unsupported(session, "binary");
            return;
        }
        switch (endpoint.binaryKind().shape()) {
            case PART -> call(endpoint.binary(), session, part, last);
            case STREAM -> {
                // The buffer is only valid during this call, but the reader consumes it later.
                byte[] copy = new byte[part.remaining()];
                part.get(part.position(), copy);
                streamPart(endpoint.binary(), session, copy, copy.length, last, false);
            }
            case WHOLE -> throw wholeOnly("binary");
        }
    }

    @Override
    public void onPong(Session session, ByteBuffer payload) {
        if (endpoint.pong() != null) {
            call(endpoint.pong(), session, new PongMessage(payload), true);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (stream != null) {
            StreamingCall.Outcome outcome = stream.abort();
            stream = null;
            if (outcome.failure() != null) {
                LOG.log(Level.DEBUG, () -> endpoint.name() + ": streaming callback ended with the session "
                        + session.id(), outcome.failure());
            }
        }
        if (endpoint.close() != null) {
            try {
                endpoint.close().invoke(instance, values, session, reason, true);
            } catch (Throwable t) {
                failed(session, endpoint.close(), t);
            }
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (endpoint.error() != null) {
            callOnError(session, error);
        } else {
            EndpointHandler.super.onError(session, error);
        }
    }

    private void call(CallbackInvoker callback, Session session, Object payload, boolean last) {
        Object result;
        try {
            result = callback.invoke(instance, values, session, payload, last);
        } catch (Throwable t) {
            failed(session, callback, t);
            return;
        }
        if (result != null) {
            reply(callback, session, result);
        }
    }

    private void reply(CallbackInvoker callback, Session session, Object result) {
        try {
            endpoint.replies().send(session, result);
        } catch (RuntimeException e) {
            failed(session, callback, e);
        }
    }

    private void streamPart(CallbackInvoker callback, Session session, Object chunk, int size, boolean last,
                            boolean text) {
        if (stream == null) {
            stream = StreamingCall.start(endpoint.streamExecutor(), text, endpoint.streamBufferSize(),
                    input -> callback.invoke(instance, values, session, input, true));
        }
        stream.write(chunk, size);
        if (last) {
            StreamingCall.Outcome outcome = stream.finish();
            stream = null;
            if (outcome.failure() != null) {
                failed(session, callback, outcome.failure());
            } else if (outcome.value() != null) {
                reply(callback, session, outcome.value());
            }
        }
    }

    /** The error policy: see {@link dev.wsf.api.annotation.OnError}. */
    private void failed(Session session, CallbackInvoker callback, Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        if (t instanceof DecodeException decoding) {
            logUndecodable(session, callback, decoding);
            if (endpoint.error() != null) {
                callOnError(session, decoding);
            }
            close(session, decoding.closeCode(), decoding.getMessage());
        } else if (t instanceof CloseException close) {
            LOG.log(Level.DEBUG, () -> "session " + session.id() + " of " + endpoint.name() + ": " + callback
                    + " closes it with " + close.closeCode() + " (" + close.getMessage() + ")");
            close(session, close.closeCode(), close.getMessage());
        } else if (endpoint.error() != null) {
            callOnError(session, t);
        } else {
            LOG.log(Level.WARNING, () -> callback + " failed on session " + session.id()
                    + " and " + endpoint.name() + " has no @OnError method; closing the session with 1011", t);
            close(session, CloseCode.INTERNAL_ERROR.code(), "");
        }
    }

    /**
     * A message the peer got wrong is logged at DEBUG, with what the peer is not told (the type,
     * the parser's words); a type the server cannot decode at all (1011) is a server fault: WARNING.
     */
    private void logUndecodable(Session session, CallbackInvoker callback, DecodeException e) {
        if (e.closeCode() == CloseCode.INTERNAL_ERROR.code()) {
            LOG.log(Level.WARNING, () -> "session " + session.id() + " of " + endpoint.name() + ": " + callback
                    + " cannot decode its message type; closing the session with 1011", e);
            return;
        }
        LOG.log(Level.DEBUG, () -> "session " + session.id() + " of " + endpoint.name() + ": closing with "
                + e.closeCode() + " (" + e.getMessage() + "), a message " + callback + " cannot decode"
                + (e.getCause() != null ? ": " + e.getCause() : ""));
    }

    private void callOnError(Session session, Throwable error) {
        Object result;
        try {
            result = endpoint.error().invoke(instance, values, session, error, true);
            if (result != null) {
                endpoint.replies().send(session, result);
            }
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            t.addSuppressed(error);
            LOG.log(Level.WARNING, () -> endpoint.error() + " failed on session " + session.id()
                    + "; closing the session with 1011", t);
            close(session, CloseCode.INTERNAL_ERROR.code(), "");
        }
    }

    private void unsupported(Session session, String kind) {
        LOG.log(Level.DEBUG, () -> "session " + session.id() + " of " + endpoint.name() + ": closing with 1003, a "
                + kind + " message arrived and the endpoint has no @OnMessage method for " + kind);
        close(session, CloseCode.UNSUPPORTED_DATA.code(), "this endpoint accepts no " + kind + " messages");
    }

    private static void close(Session session, int code, String reason) {
        if (session.isOpen()) {
            session.close(CloseReasons.of(code, reason));
        }
    }

    private IllegalStateException wholeOnly(String kind) {
        return new IllegalStateException("the runtime delivered a part of a " + kind + " message, but "
                + endpoint.name() + " declared whole delivery");
    }

    @Override
    public String toString() {
        return "AnnotatedEndpointHandler[" + endpoint.name() + "]";
    }
}
