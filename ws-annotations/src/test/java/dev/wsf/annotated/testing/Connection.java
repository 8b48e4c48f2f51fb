package dev.wsf.annotated.testing;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import java.util.List;

/**
 * A session of an endpoint, driven by hand: the handler the endpoint's factory made and the fake
 * session it talks to, the way the runtime would pair them.
 */
public record Connection(EndpointHandler handler, FakeSession session) {

    /** Defines {@code type} alone and opens a session on {@code request}. */
    public static Connection open(Class<?> type, FakeHandshakeRequest request) {
        return open(single(AnnotatedEndpoints.define(type)), request);
    }

    public static Connection open(Class<?> type) {
        return open(type, FakeHandshakeRequest.to("/"));
    }

    /** Opens a session of an already defined endpoint, running its handshake interceptor first. */
    public static Connection open(EndpointDefinition definition, FakeHandshakeRequest request) {
        definition.handshakeInterceptor().beforeUpgrade(request, (name, value) -> { });
        FakeSession session = new FakeSession(request);
        EndpointHandler handler = definition.factory().create(request);
        handler.onOpen(session);
        return new Connection(handler, session);
    }

    public static EndpointDefinition single(List<EndpointDefinition> definitions) {
        if (definitions.size() != 1) {
            throw new AssertionError("expected one definition: " + definitions);
        }
        return definitions.get(0);
    }
}
