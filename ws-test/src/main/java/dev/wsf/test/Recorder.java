package dev.wsf.test;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointHandler;
import java.nio.ByteBuffer;

/** The client's endpoint: copies every event into the log, and does nothing else. */
final class Recorder implements EndpointHandler {
    private final EventLog log;

    Recorder(EventLog log) {
        this.log = log;
    }

    @Override
    public void onText(Session session, String message) {
        log.add(new Event.Text(message));
    }

    @Override
    public void onBinary(Session session, ByteBuffer message) {
        log.add(new Event.Binary(copy(message)));
    }

    @Override
    public void onPing(Session session, ByteBuffer payload) {
        log.add(new Event.Ping(copy(payload)));
    }

    @Override
    public void onPong(Session session, ByteBuffer payload) {
        log.add(new Event.Pong(copy(payload)));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        log.add(new Event.Closed(reason));
    }

    /** Recorded, not logged: the runtime has already closed the session if the error requires it. */
    @Override
    public void onError(Session session, Throwable error) {
        log.add(new Event.Failed(error));
    }

    /** The buffer is valid only during the callback. */
    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
