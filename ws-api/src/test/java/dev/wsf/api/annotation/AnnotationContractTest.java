package dev.wsf.api.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsf.api.endpoint.Dispatch;
import java.nio.ByteBuffer;
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
