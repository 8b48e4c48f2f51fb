package dev.wsf.api.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} decided: accepted, with who the client is, or refused, with the
 * HTTP status the client gets.
 *
 * @since 0.1
 */
public sealed interface AuthResult {

    /**
     * Accepted: the session gets the principal ({@code Session.principal()}) and the attributes
     * (in its {@code userProperties()}); if {@code expiresAt} is set, the session is closed with
     * 1008 when the credential expires.
     */
    record Accepted(Principal principal, Map<String, Object> attributes, Optional<Instant> expiresAt)
            implements AuthResult {
        public Accepted {
            Objects.requireNonNull(principal, "principal");
            attributes = Map.copyOf(attributes);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * Refused with {@code status} (401, 403, ...) and response headers such as
     * {@code WWW-Authenticate}. The reason goes to the client as the response body, so it must
     * not reveal internals.
     */
    record Refused(int status, String reason, Map<String, String> headers) implements AuthResult {
        public Refused {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status: " + status);
            }
            Objects.requireNonNull(reason, "reason");
            headers = Map.copyOf(headers);
        }
    }

    static AuthResult accept(Principal principal) {
        return new Accepted(principal, Map.of(), Optional.empty());
    }

    static AuthResult accept(Principal principal, Map<String, Object> attributes) {
        return new Accepted(principal, attributes, Optional.empty());
    }

    /** Accepted until {@code expiresAt}, when the session is closed with 1008. */
    static AuthResult accept(Principal principal, Map<String, Object> attributes, Instant expiresAt) {
        return new Accepted(principal, attributes, Optional.of(expiresAt));
    }

    static AuthResult refuse(int status, String reason) {
        return new Refused(status, reason, Map.of());
    }

    static AuthResult refuse(int status, String reason, Map<String, String> headers) {
        return new Refused(status, reason, headers);
    }

    /** 401 with {@code WWW-Authenticate: Bearer}, for a missing or invalid token. */
    static AuthResult unauthorized(String reason) {
        return new Refused(401, reason, Map.of("WWW-Authenticate", "Bearer"));
    }
}
