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

    void beforeUpgrade(HandshakeRequest request, ResponseHeaders responseHeaders);
}
