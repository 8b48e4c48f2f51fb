package dev.wsf.runtime.testing;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-side handler that records its events (as strings like {@code "open"},
 * {@code "text:hi"}, {@code "close:1000 bye"}) and echoes messages back unless told not to.
 */
public class RecordingHandler implements EndpointHandler {
    public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final boolean echo;
    public volatile Session session;

    public RecordingHandler(boolean echo) {
        this.echo = echo;
    }

    public String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no server event within 10 s");
        }
        return e;
    }

    @Override
    public void onOpen(Session s) {
        session = s;
        events.add("open");
    }

    @Override
    public void onText(Session s, String message) {
        events.add("text:" + (message.length() > 64 ? message.length() + " chars" : message));
        if (echo) {
            s.sendText(message);
        }
    }

    @Override
    public void onBinary(Session s, ByteBuffer message) {
        events.add("binary:" + message.remaining());
        if (echo) {
            s.sendBinary(message);
        }
    }

    @Override
    public void onPing(Session s, ByteBuffer payload) {
        events.add("ping:" + payload.remaining());
    }

    @Override
    public void onPong(Session s, ByteBuffer payload) {
        events.add("pong:" + payload.remaining());
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        events.add("close:" + reason);
    }

    @Override
    public void onError(Session s, Throwable error) {
        events.add("error:" + error.getMessage());
    }
}
