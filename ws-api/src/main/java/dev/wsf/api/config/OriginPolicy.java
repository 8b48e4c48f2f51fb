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

    boolean allows(HandshakeRequest request);

    /** Accepts every request. Use only when no browser-held credentials protect the endpoint. */
    static OriginPolicy any() {
        return request -> true;
    }

    /**
     * The default: accepts requests without an {@code Origin} (non-browser clients) and those
     * whose origin has the same host and port as the {@code Host} header, which is what stops
     * other web sites from opening sockets with a visitor's cookies (cross-site WebSocket
     * hijacking).
     */
    static OriginPolicy sameOrigin() {
        return request -> request.origin()
                .map(origin -> sameHostAndPort(origin, request.header("Host").orElse("")))
                .orElse(true);
    }

    /** Accepts requests without an {@code Origin} and those whose origin is listed exactly. */
    static OriginPolicy allowList(String... origins) {
        Set<String> allowed = Stream.of(origins).map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return request -> request.origin().map(o -> allowed.contains(o.toLowerCase(Locale.ROOT))).orElse(true);
    }

    /** Accepts requests whose origin, when present, passes the predicate. */
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
