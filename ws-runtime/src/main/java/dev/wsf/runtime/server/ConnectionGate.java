package dev.wsf.runtime.server;

import dev.wsf.api.config.ConnectionLimits;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.metrics.WebSocketMetrics.Refusal;
import java.net.InetAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a server's connections against its {@link ConnectionLimits}: in all, per client address,
 * and still handshaking. A connection is admitted when it is accepted (or, for a client behind a
 * trusted proxy, when its request names it); each admission is given back exactly once.
 */
final class ConnectionGate {
    private final ConnectionLimits limits;
    private final TrustedProxies proxies;
    private final WebSocketMetrics metrics;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    /** @param metrics told of every admitted connection's end; see {@link Admission#run()} */
    ConnectionGate(ConnectionLimits limits, WebSocketMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
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
    static final class Admission implements Runnable {
        private static final int HANDSHAKE_DONE = 1;
        private static final int RELEASED = 2;
        private static final VarHandle DONE;

        static {
            try {
                DONE = MethodHandles.lookup().findVarHandle(Admission.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ConnectionGate gate;
        private final Refusal refusal;
        /** {@link #HANDSHAKE_DONE} and {@link #RELEASED}: one field for both, as every connection has one. */
        private volatile int done;
        private volatile InetAddress address;

        private Admission(ConnectionGate gate) {
            this.gate = gate;
            this.refusal = null;
        }

        private Admission(Refusal refusal) {
            this.gate = null;
            this.refusal = refusal;
        }

        /** Sets {@code bit} in {@link #done}; true if this call set it. */
        private boolean mark(int bit) {
            int was;
            do {
                was = done;
                if ((was & bit) != 0) {
                    return false;
                }
            } while (!DONE.compareAndSet(this, was, was | bit));
            return true;
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
            if (gate != null && mark(HANDSHAKE_DONE)) {
                gate.handshakes.decrementAndGet();
            }
        }

        /**
         * The admitted connection closed: releases the admission and tells the metrics. The
         * admission is the connection's close hook itself, where a lambda would cost every
         * connection an object of its own.
         */
        @Override
        public void run() {
            release();
            gate.metrics.connectionClosed();
        }

        /** The connection closed. Idempotent. */
        void release() {
            if (gate == null || !mark(RELEASED)) {
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
