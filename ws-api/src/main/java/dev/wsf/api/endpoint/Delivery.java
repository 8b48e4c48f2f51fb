package dev.wsf.api.endpoint;

/**
 * How data messages reach an {@link EndpointHandler}.
 *
 * @since 0.1
 */
public enum Delivery {
    /** Assembled into one message (bounded by the endpoint's maximum message size). */
    WHOLE,
    /** Delivered in pieces as they arrive, for streaming large messages. */
    PARTIAL
}
