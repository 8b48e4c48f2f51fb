package dev.wsf.api.config;

import dev.wsf.api.HandshakeRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether an upgrade request's {@code Origin} is allowed; a refused request is answered
 * with 403. Browsers always send {@code Origin}; other clients usually don't.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface OriginPolicy {

    /**
     * Decides on one upgrade request, on the I/O thread that reads it: keep it quick and
     * non-blocking.
     *
     * @param request the upgrade request; {@link HandshakeRequest#origin()} is its {@code Origin}
     * @return true to go on with the upgrade, false to answer 403 Forbidden
     */
    boolean allows(HandshakeRequest request);

    /**
     * Accepts every request. Use only when no browser-held credentials protect the endpoint.
     *
     * @return a policy that allows any origin
     */
    static OriginPolicy any() {
        return request -> true;
    }

    /**
     * The default: accepts requests without an {@code Origin} (non-browser clients) and those
     * whose origin has the same host and port as the {@code Host} header, which is what stops
     * other web sites from opening sockets with a visitor's cookies (cross-site WebSocket
     * hijacking). Ports missing from the origin or the {@code Host} header are taken as 443 for
     * {@code https}/{@code wss} origins and 80 otherwise; the opaque origin {@code null} is refused.
     *
     * @return the same-origin policy
     */
    static OriginPolicy sameOrigin() {
        return request -> request.origin()
                .map(origin -> sameHostAndPort(origin, request.header("Host").orElse("")))
                .orElse(true);
    }

    /**
     * Accepts requests without an {@code Origin} and those whose origin is listed exactly.
     *
     * @param origins the allowed origins as browsers send them, scheme, host and port if not the
     *                default, no path: e.g. {@code https://app.example.com}; compared ignoring case
     * @return a policy that allows those origins and requests without one
     * @throws NullPointerException if one of the origins is null
     */
    static OriginPolicy allowList(String... origins) {
        Set<String> allowed = Stream.of(origins).map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return request -> request.origin().map(o -> allowed.contains(o.toLowerCase(Locale.ROOT))).orElse(true);
    }

    /**
     * Accepts requests whose origin, when present, passes the predicate.
     *
     * @param origin tests the {@code Origin} header's value as sent, e.g.
     *               {@code o -> o.endsWith(".example.com")}; called on an I/O thread
     * @return a policy that allows requests without an origin and those the predicate accepts
     */
    static OriginPolicy matching(Predicate<String> origin) {
        return request -> request.origin().map(origin::test).orElse(true);
    }

    private static boolean sameHostAndPort(String origin, String hostHeader) {
        Optional<URI> uri = parse(origin);
        if (uri.isEmpty() || uri.get().getHost() == null) {
            return false; // includes the opaque origin "null"
        }
        String scheme = uri.get().getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
        int originPort = uri.get().getPort() < 0 ? defaultPort : uri.get().getPort();
        Optional<URI> host = parse("http://" + hostHeader);
        if (host.isEmpty() || host.get().getHost() == null) {
            return false;
        }
        int hostPort = host.get().getPort() < 0 ? defaultPort : host.get().getPort();
        return uri.get().getHost().equalsIgnoreCase(host.get().getHost()) && originPort == hostPort;
    }

    private static Optional<URI> parse(String s) {
        try {
            return Optional.of(new URI(s.trim()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
