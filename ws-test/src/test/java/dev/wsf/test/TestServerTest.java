package dev.wsf.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.DeploymentException;
import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TestServerTest {

    @Test
    void startsOnAFreePortOfTheLoopbackAddress() {
        try (TestServer one = TestServer.start(SampleEndpoints.Echo.class);
             TestServer two = TestServer.start(SampleEndpoints.Echo.class)) {
            assertTrue(one.port() > 0);
            assertNotEquals(one.port(), two.port());
            assertEquals(URI.create("ws://127.0.0.1:" + one.port() + "/echo"), one.uri("/echo"));
            assertEquals(one.uri("/echo?x=1"), one.uri("echo?x=1"));
            assertEquals(one.port(), one.server().port());
            assertEquals("127.0.0.1", one.server().localAddress().getAddress().getHostAddress());
        }
    }

    @Test
    void connectReachesTheEndpointAtThePath() {
        try (TestServer server = TestServer.start(SampleEndpoints.Echo.class, SampleEndpoints.Numbers.class);
             TestClient echo = server.connect("/echo");
             TestClient numbers = server.connect("numbers")) {
            echo.sendText("a").assertNextText("echo: a");
            numbers.sendText("7").assertNextText("ok 7");
            assertEquals(2, server.server().connectionCount());
        }
    }

    @Test
    void closeStopsTheServerAndItsSessionsEndWith1001() {
        TestServer server = TestServer.start(SampleEndpoints.Echo.class);
        URI uri = server.uri("/echo");
        try (TestClient client = server.connect("/echo")) {
            server.close();
            assertEquals(1001, client.assertClosedWith(1001).code());
        }
        AssertionError refused = assertThrows(AssertionError.class, () -> TestClient.connect(uri));
        assertTrue(refused.getMessage().startsWith("could not connect to " + uri + ": "), refused.getMessage());
        assertNotNull(refused.getCause());
    }

    @Test
    void aPathWithoutEndpointFailsToConnectWithTheRejectionAsCause() {
        try (TestServer server = TestServer.start(SampleEndpoints.Echo.class)) {
            AssertionError e = assertThrows(AssertionError.class, () -> server.connect("/nowhere"));
            assertTrue(e.getMessage().startsWith("could not connect to " + server.uri("/nowhere")), e.getMessage());
            assertTrue(e.getCause() instanceof HandshakeRejectedException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void theBuilderTakesDefinitionsAndConfiguration() {
        EndpointHandler shout = new EndpointHandler() {
            @Override
            public void onText(Session session, String message) {
                session.sendText(message.toUpperCase(java.util.Locale.ROOT));
            }
        };
        try (TestServer server = TestServer.builder()
                .endpoint(EndpointDefinition.builder("/shout", request -> shout).build())
                .endpoints(SampleEndpoints.Echo.class)
                .config(c -> c.maxTextMessageSize(8))
                .start();
             TestClient client = server.connect("/shout")) {
            client.sendText("hey").assertNextText("HEY");
            client.sendText("far too long for the limit");
            client.assertClosedWith(1009);
        }
    }

    @Test
    void noEndpointIsAMistake() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestServer.builder().start());
        assertEquals("no endpoint to serve: give endpoint classes or definitions", e.getMessage());
    }

    /** Not an endpoint: deployment says so, as it would for the application itself. */
    public static class NotAnEndpoint {
    }

    @Test
    void anInvalidEndpointClassFailsDeployment() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> TestServer.start(NotAnEndpoint.class));
        assertTrue(e.getMessage().contains(NotAnEndpoint.class.getName()), e.getMessage());
    }
}
