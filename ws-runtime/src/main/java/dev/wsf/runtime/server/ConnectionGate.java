package dev.wsf.runtime.server;

import dev.wsf.api.config.ConnectionLimits;
import dev.wsf.api.metrics.WebSocketMetrics.Refusal;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a server's connections against its {@link ConnectionLimits}: in all, per client address,
 * and still handshaking. A connection is admitted when it is accepted (or, for a client behind a
 * trusted proxy, when its request names it); each admission is given back exactly once.
 */
final class ConnectionGate {
    private final ConnectionLimits limits;
    private final TrustedProxies proxies;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionGate(ConnectionLimits limits) {
        this.limits = limits;
        this.proxies = TrustedProxies.of(limits.trustedProxies());
    }

    TrustedProxies proxies() {
        return proxies;
    }

    ConnectionLimits limits() {
        return limits;
    }

    /**
     * Admits a connection just accepted from {@code peer}, or says why not. The per-address limit
     * waits for the client's real address when the peer is a proxy.
     */
    Admission admit(InetAddress peer) {
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            return Admission.refused(Refusal.MAX_CONNECTIONS);
        }
        if (handshakes.incrementAndGet() > limits.maxHandshakes()) {
            handshakes.decrementAndGet();
            connections.decrementAndGet();
            return Admission.refused(Refusal.MAX_HANDSHAKES);
        }
        Admission a = new Admission(this);
        if (!limits.proxyProtocol() && !proxies.trusts(peer) && !a.claimAddress(peer)) {
            a.release();
            return Admission.refused(Refusal.MAX_PER_ADDRESS);
        }
        return a;
    }

    private boolean takeAddress(InetAddress address) {
        if (limits.maxConnectionsPerAddress() == Integer.MAX_VALUE) {
            return true;
        }
        AtomicInteger n = perAddress.computeIfAbsent(address, k -> new AtomicInteger());
        if (n.incrementAndGet() > limits.maxConnectionsPerAddress()) {
            giveAddress(address);
            return false;
        }
        return true;
    }

    private void giveAddress(InetAddress address) {
        if (limits.maxConnectionsPerAddress() == Integer.MAX_VALUE) {
            return;
        }
        perAddress.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Connections open now. */
    int connections() {
        return connections.get();
    }

    /** One connection's place within the limits. */
    static final class Admission {
        private final ConnectionGate gate;
        private final Refusal refusal;
        private final AtomicBoolean handshaking = new AtomicBoolean(true);
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile InetAddress address;

        private Admission(ConnectionGate gate) {
            this.gate = gate;
            this.refusal = null;
        }

        private Admission(Refusal refusal) {
            this.gate = null;
            this.refusal = refusal;
        }

        static Admission refused(Refusal why) {
            return new Admission(why);
        }

        /** Why it was refused, or null if admitted. */
        Refusal refusal() {
            return refusal;
        }

        /**
         * Counts the connection against {@code client}'s limit, once its real address is known.
         *
         * @return false if that address has too many connections already
         */
        boolean claimAddress(InetAddress client) {
            if (address != null) {
                return true;
            }
            if (!gate.takeAddress(client)) {
                return false;
            }
            address = client;
            return true;
        }

        /** The handshake is over (upgraded or answered): it no longer counts as handshaking. */
        void handshakeDone() {
            if (gate != null && handshaking.compareAndSet(true, false)) {
                gate.handshakes.decrementAndGet();
            }
        }

        /** The connection closed. Idempotent. */
        void release() {
            if (gate == null || !released.compareAndSet(false, true)) {
                return;
            }
            handshakeDone();
            gate.connections.decrementAndGet();
            InetAddress a = address;
            if (a != null) {
                gate.giveAddress(a);
            }
        }
    }
}
