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

    Optional<String> select(List<String> offered, List<String> supported, HandshakeRequest request);

    /** RFC 6455's usual rule: the first of the client's offers that the endpoint supports. */
    static SubprotocolSelector firstOffered() {
        return (offered, supported, request) -> offered.stream().filter(supported::contains).findFirst();
    }
}
