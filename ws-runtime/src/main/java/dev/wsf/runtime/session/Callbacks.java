package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointFactory;
import dev.wsf.api.endpoint.EndpointHandler;
import java.nio.ByteBuffer;

/**
 * Calls the application's handler, keeping its failures from reaching the engine: an exception
 * from any callback goes to {@code onError}, and one from {@code onError} itself is logged and
 * closes the session with 1011. Only ever used from the session's serial executor.
 */
final class Callbacks {
    private static final System.Logger LOG = System.getLogger(Callbacks.class.getName());

    private final Session session;
    private EndpointHandler handler;
    private boolean closed;

    Callbacks(Session session) {
        this.session = session;
    }

    void open(EndpointFactory factory, HandshakeRequest request) {
        try {
            handler = factory.create(request);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "session " + session.id() + ": the endpoint factory failed", e);
            session.close(new CloseReason(CloseCode.INTERNAL_ERROR, "endpoint unavailable"));
            return;
        }
        if (handler == null) {
            LOG.log(System.Logger.Level.ERROR, "session " + session.id() + ": the endpoint factory returned null");
            session.close(new CloseReason(CloseCode.INTERNAL_ERROR, "endpoint unavailable"));
            return;
        }
        try {
            handler.onOpen(session);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    void text(String message) {
        if (!acceptsMessages()) {
            return;
        }
        try {
            handler.onText(session, message);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    void textPart(String part, boolean last) {
        if (!acceptsMessages()) {
            return;
        }
        try {
            handler.onTextPart(session, part, last);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    void binary(ByteBuffer message) {
        if (!acceptsMessages()) {
            return;
        }
        try {
            handler.onBinary(session, message);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    void binaryPart(ByteBuffer part, boolean last) {
        if (!acceptsMessages()) {
            return;
        }
        try {
            handler.onBinaryPart(session, part, last);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    /**
     * Messages keep coming until the peer's close frame: after this side sent its own, the peer
     * may still send what it wrote before it saw ours (input and output close independently, as in
     * the JDK client, Jetty and Tomcat). Replies to them can no longer be sent.
     */
    private boolean acceptsMessages() {
        return handler != null && !closed;
    }

    void ping(ByteBuffer payload) {
        if (handler == null || closed) {
            return;
        }
        try {
            handler.onPing(session, payload);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    void pong(ByteBuffer payload) {
        if (handler == null || closed) {
            return;
        }
        try {
            handler.onPong(session, payload);
        } catch (RuntimeException | Error e) {
            error(e);
        }
    }

    void error(Throwable error) {
        if (handler == null || closed) {
            LOG.log(System.Logger.Level.DEBUG, "session " + session.id() + " failed", error);
            return;
        }
        try {
            handler.onError(session, error);
        } catch (RuntimeException | Error e) {
            if (e != error) { // onError may throw again what it was given; self-suppression throws
                e.addSuppressed(error);
            }
            LOG.log(System.Logger.Level.ERROR, "session " + session.id() + ": onError failed", e);
            session.close(new CloseReason(CloseCode.INTERNAL_ERROR, ""));
        }
    }

    /** Delivers the end of the session, once; later calls are ignored. */
    void closed(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (handler == null) {
            return;
        }
        try {
            handler.onClose(session, reason);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "session " + session.id() + ": onClose failed", e);
        }
    }
}
