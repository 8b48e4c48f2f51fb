package dev.wsf.annotated.model;

import dev.wsf.api.Role;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.endpoint.Dispatch;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Endpoint} or {@link ClientEndpoint} says about a class, whichever of the two the
 * role reads, so that everything after this point handles both alike.
 *
 * @param path          the server path as written, or null for a client
 * @param authenticator the server endpoint's own authenticator class, or null if it has none
 */
record EndpointAnnotation(Role role, String path, List<String> subprotocols, Class<?>[] encoders,
                          Class<?>[] decoders, Dispatch dispatch, long maxTextMessageSize, long maxBinaryMessageSize,
                          Class<?> authenticator) {

    /** The annotation {@code role} reads on {@code type}, if the class carries it. */
    static Optional<EndpointAnnotation> of(Class<?> type, Role role) {
        if (role == Role.SERVER) {
            Endpoint e = type.getAnnotation(Endpoint.class);
            return Optional.ofNullable(e).map(a -> new EndpointAnnotation(role, a.path(), List.of(a.subprotocols()),
                    a.encoders(), a.decoders(), a.dispatch(), a.maxTextMessageSize(), a.maxBinaryMessageSize(),
                    a.authenticator() == Authenticator.class ? null : a.authenticator()));
        }
        ClientEndpoint c = type.getAnnotation(ClientEndpoint.class);
        return Optional.ofNullable(c).map(a -> new EndpointAnnotation(role, null, List.of(a.subprotocols()),
                a.encoders(), a.decoders(), a.dispatch(), a.maxTextMessageSize(), a.maxBinaryMessageSize(), null));
    }

    /** How messages name the annotation a role reads: {@code @Endpoint} or {@code @ClientEndpoint}. */
    static String label(Role role) {
        return role == Role.SERVER ? "@Endpoint" : "@ClientEndpoint";
    }
}
