package dev.wsf.api.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.endpoint.Dispatch;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The defaults users rely on without writing them. */
class AnnotationContractTest {

    @Endpoint(path = "/plain")
    static class Plain {
    }

    @Test
    void endpointDefaults() {
        Endpoint e = Plain.class.getAnnotation(Endpoint.class);
        assertEquals("/plain", e.path(), "readable at run time");
        assertEquals(Dispatch.WORKER, e.dispatch(), "callbacks may block unless the user opts out");
        assertArrayEquals(new String[0], e.subprotocols());
        assertEquals(0, e.encoders().length);
        assertEquals(0, e.decoders().length);
        assertEquals(-1, e.maxTextMessageSize(), "the server's limit");
        assertEquals(-1, e.maxBinaryMessageSize(), "the server's limit");
        assertEquals(dev.wsf.api.auth.Authenticator.class, e.authenticator(), "none of its own: the server's");
    }

    @ClientEndpoint
    static class PlainClient {
    }

    @Test
    void clientEndpointDefaultsMirrorEndpoint() {
        ClientEndpoint c = PlainClient.class.getAnnotation(ClientEndpoint.class);
        assertEquals(Dispatch.WORKER, c.dispatch(), "callbacks may block unless the user opts out");
        assertArrayEquals(new String[0], c.subprotocols(), "offers no subprotocol");
        assertEquals(0, c.encoders().length);
        assertEquals(0, c.decoders().length);
        assertEquals(-1, c.maxTextMessageSize(), "the client's limit");
        assertEquals(-1, c.maxBinaryMessageSize(), "the client's limit");
    }

    @Test
    void clientEndpointHasEveryEndpointAttributeButThePathAndTheAuthenticator() {
        Set<String> server = attributes(Endpoint.class);
        assertTrue(server.remove("path:String"));
        assertTrue(server.remove("authenticator:Class"), "a client is not asked who it is by itself");
        assertEquals(server, attributes(ClientEndpoint.class));
    }

    private static Set<String> attributes(Class<?> annotation) {
        Set<String> names = new TreeSet<>();
        for (var m : annotation.getDeclaredMethods()) {
            names.add(m.getName() + ":" + m.getReturnType().getSimpleName());
        }
        return names;
    }

    static class Methods {
        @OnMessage
        public void message(@PathParam String room, @QueryParam String user) {
        }
    }

    @Test
    void methodAndParameterAnnotationsAreVisibleAtRunTime() throws Exception {
        var method = Methods.class.getMethod("message", String.class, String.class);
        assertEquals(-1, method.getAnnotation(OnMessage.class).maxMessageSize());
        assertEquals("", method.getParameters()[0].getAnnotation(PathParam.class).value(), "name from -parameters");
        assertEquals("", method.getParameters()[1].getAnnotation(QueryParam.class).value());
    }

    @Test
    void pongMessageNeedsAPayload() {
        assertThrows(NullPointerException.class, () -> new PongMessage(null));
        assertEquals(3, new PongMessage(ByteBuffer.allocate(3)).applicationData().remaining());
    }
}
