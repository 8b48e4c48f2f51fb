package dev.wsf.api.endpoint;

import dev.wsf.api.HandshakeRequest;

/**
 * Supplies the handler for a new session, after the handshake has been accepted and before
 * {@link EndpointHandler#onOpen}. Return a new handler per session for per-connection state, or
 * the same thread-safe handler every time. Called on the thread the endpoint's {@link Dispatch}
 * names; if it throws, the session closes with 1011.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EndpointFactory {
    /**
     * Creates, or returns, the handler of one new session.
     *
     * @param request the accepted upgrade request (on a client, the request it sent), with its path
     *                and query parameters
     * @return the handler; never null
     */
    EndpointHandler create(HandshakeRequest request);
}
