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

    /**
     * A builder that starts from these limits.
     *
     * @return a new builder holding every setting of this object, to change some of them
     */
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

    /**
     * No limits, no trusted proxies.
     *
     * @return the limits a server has by default: every count at {@code Integer.MAX_VALUE}, no
     *         trusted proxies, no PROXY protocol, {@code Retry-After} of 5 s
     */
    public static ConnectionLimits unlimited() {
        return UNLIMITED;
    }

    /**
     * A builder that starts with no limits, as {@link #unlimited()} has.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Open connections in all, handshaking or upgraded; {@code Integer.MAX_VALUE} for no limit.
     *
     * @return the most connections the server keeps open at once; one more is refused with 503
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Open connections from one client address: the peer's, or the one a trusted proxy or PROXY
     * protocol header names.
     *
     * @return the most connections per address; {@code Integer.MAX_VALUE} for no limit
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * Connections whose opening handshake is still under way; a plain HTTP connection kept open
     * between requests counts too, until it upgrades or closes.
     *
     * @return the most connections still handshaking at once; {@code Integer.MAX_VALUE} for no
     *         limit
     */
    public int maxHandshakes() {
        return maxHandshakes;
    }

    /**
     * What {@code Retry-After} says on a 503.
     *
     * @return the delay, sent in whole seconds (rounded down)
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Addresses (IPv4 or IPv6 literals, or CIDR blocks like {@code 10.0.0.0/8}) of trusted proxies.
     *
     * @return the entries as given, in order; empty when no proxy is trusted
     */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /**
     * Whether every connection must start with a PROXY protocol header (v1 or v2). A connection
     * that does not, or whose header is malformed, is closed without an answer.
     *
     * @return true if the PROXY protocol is required
     */
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

        /**
         * Open connections in all, handshaking or upgraded; one more is answered 503. Default:
         * no limit.
         *
         * @param n the limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is zero or negative
         */
        public Builder maxConnections(int n) {
            this.maxConnections = positive(n, "maxConnections");
            return this;
        }

        /**
         * Open connections from one client address; one more is answered 503. Behind a proxy,
         * set {@link #trustedProxies} or {@link #proxyProtocol}, or the proxy's own address is
         * what gets counted. Default: no limit.
         *
         * @param n the limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is zero or negative
         */
        public Builder maxConnectionsPerAddress(int n) {
            this.maxConnectionsPerAddress = positive(n, "maxConnectionsPerAddress");
            return this;
        }

        /**
         * Connections still in their opening handshake (including idle HTTP keep-alive
         * connections); one more is answered 503. Bounds what slow or idle clients hold. Default:
         * no limit.
         *
         * @param n the limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is zero or negative
         */
        public Builder maxHandshakes(int n) {
            this.maxHandshakes = positive(n, "maxHandshakes");
            return this;
        }

        /**
         * What the {@code Retry-After} header of a 503 refusal says. Default: 5 s.
         *
         * @param d the delay, zero or more; sent in whole seconds (rounded down)
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is negative
         * @throws NullPointerException     if {@code d} is null
         */
        public Builder retryAfter(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative: " + d);
            }
            this.retryAfter = d;
            return this;
        }

        /**
         * Proxies whose Forwarded and X-Forwarded-For headers are believed. Default: none.
         *
         * @param addressesOrCidrs IPv4 or IPv6 literals or CIDR blocks, e.g. {@code 10.0.0.0/8};
         *                         replaces any set before. Entries are checked when the server
         *                         starts, which fails with {@link IllegalArgumentException} on a
         *                         malformed one
         * @return this builder
         * @throws NullPointerException if the array or an entry is null
         */
        public Builder trustedProxies(String... addressesOrCidrs) {
            this.trustedProxies = List.of(addressesOrCidrs);
            return this;
        }

        /**
         * Whether every connection starts with a PROXY protocol header (v1 or v2). Default: false.
         * Turn it on only behind a balancer that always sends one: connections without it are
         * closed.
         *
         * @param on true to require the header and take the client's address from it
         * @return this builder
         */
        public Builder proxyProtocol(boolean on) {
            this.proxyProtocol = on;
            return this;
        }

        /**
         * The limits set so far; the builder may be reused.
         *
         * @return new, immutable limits
         */
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
