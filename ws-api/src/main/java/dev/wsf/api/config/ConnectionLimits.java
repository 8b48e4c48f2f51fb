package dev.wsf.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How many connections a server takes, and whose addresses it believes. A connection over a limit
 * is answered {@code 503 Service Unavailable} with {@code Retry-After} and closed, before anything
 * of a WebSocket session exists for it. Immutable; start from {@link #builder()}.
 *
 * <h2>Proxies</h2>
 * Behind a load balancer every connection comes from the balancer. With {@link Builder#trustedProxies},
 * a request from one of those addresses is taken to come from the client its {@code Forwarded}
 * ({@code for=}) or {@code X-Forwarded-For} header names (the nearest address that is not itself
 * a trusted proxy), and that is the session's remote address and what the per-address limit counts.
 * Headers from any other peer are ignored, since anyone can send them. With
 * {@link Builder#proxyProtocol}, every connection must start with a PROXY protocol header (v1 or v2,
 * as HAProxy and AWS NLB send), which gives the client's address before TLS even starts.
 *
 * @since 0.1
 */
public final class ConnectionLimits {
    private static final ConnectionLimits UNLIMITED = builder().build();

    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int maxHandshakes;
    private final Duration retryAfter;
    private final List<String> trustedProxies;
    private final boolean proxyProtocol;

    private ConnectionLimits(Builder b) {
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.maxHandshakes = b.maxHandshakes;
        this.retryAfter = b.retryAfter;
        this.trustedProxies = List.copyOf(b.trustedProxies);
        this.proxyProtocol = b.proxyProtocol;
    }

    /** A builder that starts from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxConnections = maxConnections;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.maxHandshakes = maxHandshakes;
        b.retryAfter = retryAfter;
        b.trustedProxies = trustedProxies;
        b.proxyProtocol = proxyProtocol;
        return b;
    }

    /** No limits, no trusted proxies. */
    public static ConnectionLimits unlimited() {
        return UNLIMITED;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Open connections in all, handshaking or upgraded; {@code Integer.MAX_VALUE} for no limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Open connections from one client address. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * Connections whose opening handshake is still under way; a plain HTTP connection kept open
     * between requests counts too, until it upgrades or closes.
     */
    public int maxHandshakes() {
        return maxHandshakes;
    }

    /** What {@code Retry-After} says on a 503. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Addresses (IPv4 or IPv6 literals, or CIDR blocks like {@code 10.0.0.0/8}) of trusted proxies. */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    public boolean proxyProtocol() {
        return proxyProtocol;
    }

    /** The builder of {@link ConnectionLimits}. */
    public static final class Builder {
        private int maxConnections = Integer.MAX_VALUE;
        private int maxConnectionsPerAddress = Integer.MAX_VALUE;
        private int maxHandshakes = Integer.MAX_VALUE;
        private Duration retryAfter = Duration.ofSeconds(5);
        private List<String> trustedProxies = List.of();
        private boolean proxyProtocol;

        private Builder() {
        }

        public Builder maxConnections(int n) {
            this.maxConnections = positive(n, "maxConnections");
            return this;
        }

        public Builder maxConnectionsPerAddress(int n) {
            this.maxConnectionsPerAddress = positive(n, "maxConnectionsPerAddress");
            return this;
        }

        public Builder maxHandshakes(int n) {
            this.maxHandshakes = positive(n, "maxHandshakes");
            return this;
        }

        /** Default: 5 s. */
        public Builder retryAfter(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative: " + d);
            }
            this.retryAfter = d;
            return this;
        }

        /** Proxies whose Forwarded and X-Forwarded-For headers are believed. Default: none. */
        public Builder trustedProxies(String... addressesOrCidrs) {
            this.trustedProxies = List.of(addressesOrCidrs);
            return this;
        }

        /** Whether every connection starts with a PROXY protocol header (v1 or v2). Default: false. */
        public Builder proxyProtocol(boolean on) {
            this.proxyProtocol = on;
            return this;
        }

        public ConnectionLimits build() {
            return new ConnectionLimits(this);
        }

        private static int positive(int n, String name) {
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + n);
            }
            return n;
        }
    }

    @Override
    public String toString() {
        return "ConnectionLimits[max " + maxConnections + ", per address " + maxConnectionsPerAddress
                + ", handshakes " + maxHandshakes + ", trusted proxies " + trustedProxies
                + (proxyProtocol ? ", PROXY protocol" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionLimits l && l.maxConnections == maxConnections
                && l.maxConnectionsPerAddress == maxConnectionsPerAddress && l.maxHandshakes == maxHandshakes
                && l.retryAfter.equals(retryAfter) && l.trustedProxies.equals(trustedProxies)
                && l.proxyProtocol == proxyProtocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConnections, maxConnectionsPerAddress, maxHandshakes, retryAfter, trustedProxies,
                proxyProtocol);
    }
}
