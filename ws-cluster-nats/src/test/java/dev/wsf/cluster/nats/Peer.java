package dev.wsf.cluster.nats;

import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client session that records what it receives: {@code String} for text, {@code byte[]} for
 * binary.
 */
final class Peer implements EndpointHandler {
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    volatile Session session;

    static Peer connect(WebSocketClient client, URI uri) {
        Peer p = new Peer();
        p.session = client.connect(uri, p).orTimeout(10, TimeUnit.SECONDS).join();
        return p;
    }

    @Override
    public void onText(Session s, String message) {
        received.add(message);
    }

    @Override
    public void onBinary(Session s, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        received.add(b);
    }

    void send(String text) {
        session.sendTextAndAwait(text);
    }

    /** The next message, failing if none comes within 10 s. */
    Object next() throws InterruptedException {
        Object m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("nothing received within 10 s");
        }
        return m;
    }

    /** What arrived so far, taken out. */
    List<Object> drain() {
        List<Object> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }
}
