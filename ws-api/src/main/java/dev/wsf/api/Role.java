package dev.wsf.api;

/**
 * Which side of a connection a component acts for. Clients mask frames; servers do not.
 *
 * @since 0.1
 */
public enum Role {
    /**
     * Accepts connections; sends frames unmasked and fails the connection with 1002 on an
     * unmasked frame from the client (RFC 6455, section 5.1).
     */
    SERVER,
    /**
     * Opens connections; masks every frame it sends (RFC 6455, section 5.3) and fails the
     * connection with 1002 on a masked frame from the server.
     */
    CLIENT
}
