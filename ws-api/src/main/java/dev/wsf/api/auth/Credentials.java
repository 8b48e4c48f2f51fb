package dev.wsf.api.auth;

import dev.wsf.api.HandshakeRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a credential from the places a client can put one on a WebSocket upgrade. Browsers cannot
 * set headers on a WebSocket, so besides {@code Authorization} (other clients) there are cookies,
 * query parameters (which end up in access logs: prefer short-lived tokens there), and the
 * subprotocol trick: the page offers {@code new WebSocket(url, ["chat.v1", "token.<value>"])},
 * the server reads the token from the offer and chooses only a real subprotocol, never echoing
 * the token back (an endpoint whose subprotocols do not include it never selects it).
 *
 * @since 0.1
 */
public final class Credentials {
    private Credentials() {
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header.
     * The scheme is matched without regard to case; the first {@code Authorization} header with a
     * non-empty bearer token wins.
     *
     * @param request the upgrade request
     * @return the token, trimmed; empty if no header carries one
     */
    public static Optional<String> bearer(HandshakeRequest request) {
        for (String value : request.headers("Authorization")) {
            int space = value.indexOf(' ');
            if (space > 0 && value.substring(0, space).equalsIgnoreCase("Bearer")) {
                String token = value.substring(space + 1).trim();
                if (!token.isEmpty()) {
                    return Optional.of(token);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The value of cookie {@code name} (RFC 6265 syntax), from every {@code Cookie} header.
     * The name is matched exactly (case matters); surrounding double quotes are removed from the
     * value.
     *
     * @param request the upgrade request
     * @param name the cookie's name
     * @return the value of the first cookie of that name (possibly the empty string); empty if
     *         no cookie has that name
     */
    public static Optional<String> cookie(HandshakeRequest request, String name) {
        for (String header : request.headers("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first value of query parameter {@code name}.
     *
     * @param request the upgrade request
     * @param name the parameter's name, matched exactly
     * @return the first value, percent-decoded; empty if the parameter is absent
     */
    public static Optional<String> queryParameter(HandshakeRequest request, String name) {
        List<String> values = request.queryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The rest of the first offered subprotocol that starts with {@code prefix} (e.g.
     * {@code "token."}), matched without regard to case.
     *
     * @param request the upgrade request
     * @param prefix what the offer starts with, such as {@code "token."}
     * @return the text after the prefix, with its case kept; empty if no offer has the prefix
     *         followed by at least one character
     */
    public static Optional<String> subprotocolToken(HandshakeRequest request, String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        for (String offered : request.subprotocols()) {
            if (offered.toLowerCase(Locale.ROOT).startsWith(lower) && offered.length() > prefix.length()) {
                return Optional.of(offered.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
