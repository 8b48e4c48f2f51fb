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
     *
     * @param principal who the client is; never null
     * @param attributes put into the session's user properties before {@code onOpen}; copied,
     *                   so keys and values must not be null
     * @param expiresAt when the credential expires, or empty for a session that lasts as long as
     *                  the connection; an instant already past closes the session at once
     */
    record Accepted(Principal principal, Map<String, Object> attributes, Optional<Instant> expiresAt)
            implements AuthResult {
        /**
         * Checks and copies the components.
         *
         * @param principal who the client is
         * @param attributes the session attributes, copied
         * @param expiresAt when the session is closed with 1008, or empty for never
         * @throws NullPointerException if an argument, or a key or value of {@code attributes}, is
         *                              null
         */
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
     *
     * @param status the HTTP status of the response, 400 to 599
     * @param reason the plain-text response body the client receives
     * @param headers extra response headers, name to value; copied, so keys and values must not be
     *                null
     */
    record Refused(int status, String reason, Map<String, String> headers) implements AuthResult {
        /**
         * Checks and copies the components.
         *
         * @param status the HTTP status, 400 to 599
         * @param reason the response body
         * @param headers extra response headers, copied
         * @throws IllegalArgumentException if {@code status} is not a 4xx or 5xx status
         * @throws NullPointerException if {@code reason} or {@code headers}, or one of its keys or
         *                              values, is null
         */
        public Refused {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status: " + status);
            }
            Objects.requireNonNull(reason, "reason");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Accepted with no attributes and no expiry.
     *
     * @param principal who the client is; never null
     * @return an {@link Accepted} result
     */
    static AuthResult accept(Principal principal) {
        return new Accepted(principal, Map.of(), Optional.empty());
    }

    /**
     * Accepted with attributes for the session's user properties, and no expiry.
     *
     * @param principal who the client is; never null
     * @param attributes copied into {@code Session.userProperties()} before {@code onOpen}
     * @return an {@link Accepted} result
     * @throws NullPointerException if an argument, or a key or value of {@code attributes}, is null
     */
    static AuthResult accept(Principal principal, Map<String, Object> attributes) {
        return new Accepted(principal, attributes, Optional.empty());
    }

    /**
     * Accepted until {@code expiresAt}, when the session is closed with 1008.
     *
     * @param principal who the client is; never null
     * @param attributes copied into {@code Session.userProperties()} before {@code onOpen}
     * @param expiresAt when the credential expires; an instant already past closes the session at
     *                  once
     * @return an {@link Accepted} result
     * @throws NullPointerException if an argument, or a key or value of {@code attributes}, is null
     */
    static AuthResult accept(Principal principal, Map<String, Object> attributes, Instant expiresAt) {
        return new Accepted(principal, attributes, Optional.of(expiresAt));
    }

    /**
     * Refused with {@code status} and no extra headers.
     *
     * @param status the HTTP status, 400 to 599 (usually 401 or 403)
     * @param reason the response body, sent to the client
     * @return a {@link Refused} result
     * @throws IllegalArgumentException if {@code status} is not a 4xx or 5xx status
     */
    static AuthResult refuse(int status, String reason) {
        return new Refused(status, reason, Map.of());
    }

    /**
     * Refused with {@code status} and extra response headers, such as a {@code WWW-Authenticate}
     * challenge for 401.
     *
     * @param status the HTTP status, 400 to 599
     * @param reason the response body, sent to the client
     * @param headers extra response headers, name to value
     * @return a {@link Refused} result
     * @throws IllegalArgumentException if {@code status} is not a 4xx or 5xx status
     */
    static AuthResult refuse(int status, String reason, Map<String, String> headers) {
        return new Refused(status, reason, headers);
    }

    /**
     * 401 with {@code WWW-Authenticate: Bearer}, for a missing or invalid token.
     *
     * @param reason the response body, sent to the client
     * @return a {@link Refused} result with status 401
     */
    static AuthResult unauthorized(String reason) {
        return new Refused(401, reason, Map.of("WWW-Authenticate", "Bearer"));
    }
}
