package dev.wsf.api.endpoint;

import dev.wsf.api.HandshakeRequest;

/**
 * Inspects an upgrade request that the runtime has validated and routed to an endpoint, before it
 * answers 101: authenticate, add headers (cookies), or refuse by throwing
 * {@link dev.wsf.api.HandshakeRejectedException} with the status to answer. Runs on an I/O
 * thread, so it must not block.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HandshakeInterceptor {

    /**
     * Called once per upgrade request, after authentication and the subprotocol choice. An
     * exception other than {@link dev.wsf.api.HandshakeRejectedException} is logged and answered
     * with 500.
     *
     * @param request the upgrade request, with the authenticated principal if any
     * @param responseHeaders where to add headers to the 101 response
     * @throws dev.wsf.api.HandshakeRejectedException to refuse the upgrade with its status
     */
    void beforeUpgrade(HandshakeRequest request, ResponseHeaders responseHeaders);
}
