package dev.wsf.bench.jetty;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Echoes each whole text or binary message back.
 *
 * <p>For binary, Jetty's read callback is passed on as the send callback, so the network buffer is
 * released only once the echo has been written, and never copied. Public because Jetty binds
 * the callbacks through a public method-handle lookup.
 */
public final class EchoEndpoint extends Session.Listener.AbstractAutoDemanding {

    @Override
    public void onWebSocketText(String message) {
        getSession().sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        getSession().sendBinary(payload, callback);
    }
}
