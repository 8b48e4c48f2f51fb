package dev.wsf.runtime.server;

import dev.wsf.runtime.http.HttpResponses;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A connection turned away as soon as it is accepted, over a {@link dev.wsf.api.config.ConnectionLimits
 * limit}: {@code 503} with {@code Retry-After}, without reading the request (HTTP lets a server
 * answer early), then a half-close and a short linger so the client reads the answer rather than
 * a reset. Nothing of a handshake or a session is made for it.
 */
final class Refusal implements Protocol {
    private static final System.Logger LOG = System.getLogger(Refusal.class.getName());

    private final Transport transport;
    private final long deadline;

    Refusal(Transport transport, String why, long retryAfterSeconds, long lingerNanos) {
        this.transport = transport;
        this.deadline = System.nanoTime() + lingerNanos;
        LOG.log(System.Logger.Level.DEBUG, () -> "refusing " + transport.remoteAddress() + " with 503: " + why);
        transport.enqueue(HttpResponses.error(503, "the server is busy: try again later",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)), false), null, null);
        transport.shutdownOutput();
    }

    @Override
    public void onRead(ByteBuffer data) {
        // the request is not read: discarded while lingering
    }

    @Override
    public void onEof() {
        transport.close();
    }

    @Override
    public void onTick(long nowNanos) {
        if (nowNanos - deadline > 0) {
            transport.close();
        }
    }

    @Override
    public void onShutdown() {
        transport.close();
    }

    @Override
    public void onOverload() {
        transport.close();
    }

    @Override
    public void onClosed(Throwable cause) {
        // nothing held
    }
}
