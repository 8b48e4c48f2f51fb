package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What {@code @Endpoint} and {@code @OnMessage} put into the definition the runtime serves. */
class DefinitionTest {

    @Endpoint(path = "/chat/{room}", subprotocols = {"chat.v2", "chat.v1"})
    public static class Defaults {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void defaults() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(Defaults.class));
        assertEquals("/chat/{room}", d.path().template());
        assertEquals(List.of("chat.v2", "chat.v1"), d.subprotocols());
        assertEquals(Dispatch.WORKER, d.dispatch(), "callbacks may block by default");
        assertEquals(Delivery.WHOLE, d.textDelivery());
        assertEquals(Delivery.WHOLE, d.binaryDelivery());
        assertEquals(OptionalLong.empty(), d.maxTextMessageSize());
        assertEquals(OptionalLong.empty(), d.maxBinaryMessageSize());
        assertEquals(Defaults.class.getName(), d.displayName());
    }

    @Endpoint(path = "/fast", dispatch = Dispatch.IO_THREAD, maxTextMessageSize = 1000, maxBinaryMessageSize = 2000)
    public static class Tuned {
        @OnMessage(maxMessageSize = 500)
        public void message(String text) {
        }

        @OnMessage
        public void message(ByteBuffer bytes, boolean last) {
        }
    }

    @Test
    void dispatchLimitsAndDelivery() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(Tuned.class));
        assertEquals(Dispatch.IO_THREAD, d.dispatch());
        assertEquals(OptionalLong.of(500), d.maxTextMessageSize(), "the method's limit wins");
        assertEquals(OptionalLong.of(2000), d.maxBinaryMessageSize());
        assertEquals(Delivery.WHOLE, d.textDelivery());
        assertEquals(Delivery.PARTIAL, d.binaryDelivery());
    }

    @Test
    void definingSeveralClassesKeepsTheirOrder() {
        List<EndpointDefinition> all = AnnotatedEndpoints.define(Tuned.class, Defaults.class);
        assertEquals(List.of("/fast", "/chat/{room}"), all.stream().map(d -> d.path().template()).toList());
    }

    @Test
    void eachSessionGetsItsOwnHandler() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(Defaults.class));
        Connection a = Connection.open(d, dev.wsf.annotated.testing.FakeHandshakeRequest.to("/chat/a"));
        Connection b = Connection.open(d, dev.wsf.annotated.testing.FakeHandshakeRequest.to("/chat/b"));
        assertTrue(a.handler() != b.handler());
    }
}
