package dev.wsf.api;

/**
 * Which side of a connection a component acts for. Clients mask frames; servers do not.
 *
 * @since 0.1
 */
public enum Role {
    SERVER,
    CLIENT
}
