package dev.wsf.cluster.testkit;

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
public final class Peer implements EndpointHandler {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private volatile Session session;

    private Peer() {
    }

    public static Peer connect(WebSocketClient client, URI uri) {
        Peer p = new Peer();
        p.session = client.connect(uri, p).orTimeout(10, TimeUnit.SECONDS).join();
        return p;
    }

    /** {@code prefix + i} for i from {@code from} (inclusive) to {@code to} (exclusive): what a sender sent. */
    public static List<Object> texts(String prefix, int from, int to) {
        List<Object> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(prefix + i);
        }
        return l;
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

    public Session session() {
        return session;
    }

    public void send(String text) {
        session.sendTextAndAwait(text);
    }

    /** The next message, failing if none comes within 10 s. */
    public Object next() throws InterruptedException {
        Object m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("nothing received within 10 s");
        }
        return m;
    }

    /** The next {@code n} messages, failing if one does not come within 10 s. */
    public List<Object> next(int n) throws InterruptedException {
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(next());
        }
        return got;
    }

    /** What arrived so far, taken out. */
    public List<Object> drain() {
        List<Object> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }
}
