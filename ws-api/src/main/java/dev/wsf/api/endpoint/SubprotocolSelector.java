package dev.wsf.api.endpoint;

import dev.wsf.api.HandshakeRequest;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the subprotocol of a new session. The result must be one of the client's offers, or
 * empty for none (the response then carries no {@code Sec-WebSocket-Protocol} header).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SubprotocolSelector {

    /**
     * Chooses one subprotocol. Called on the I/O thread during the handshake, so it must not block.
     *
     * @param offered the client's {@code Sec-WebSocket-Protocol} values, in the client's order;
     *                empty if it offered none
     * @param supported the endpoint's {@link EndpointDefinition#subprotocols()}
     * @param request the upgrade request, to choose by other headers or the path
     * @return one of {@code offered}, or empty for none; a value the client did not offer fails
     *         the handshake with 500
     */
    Optional<String> select(List<String> offered, List<String> supported, HandshakeRequest request);

    /**
     * RFC 6455's usual rule: the first of the client's offers that the endpoint supports.
     *
     * @return the default selector; it ignores the order of {@code supported}
     */
    static SubprotocolSelector firstOffered() {
        return (offered, supported, request) -> offered.stream().filter(supported::contains).findFirst();
    }
}
