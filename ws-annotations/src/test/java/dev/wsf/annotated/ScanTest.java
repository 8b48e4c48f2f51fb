package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.scanned.EchoClient;
import dev.wsf.annotated.scanned.EchoEndpoint;
import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanTest {

    @Test
    void findsEndpointClassesInPackagesAndSubPackages() {
        List<EndpointDefinition> found = AnnotatedEndpoints.scan("dev.wsf.annotated.scanned");
        assertEquals(List.of("dev.wsf.annotated.scanned.EchoEndpoint", "dev.wsf.annotated.scanned.sub.ReverseEndpoint"),
                found.stream().map(EndpointDefinition::displayName).toList());
        Connection reverse = Connection.open(found.get(1), FakeHandshakeRequest.to("/reverse"));
        reverse.handler().onText(reverse.session(), "abc");
        assertEquals(List.of("cba"), reverse.session().sentText(), "a package-private class works too");
    }

    @Test
    void scanningForServersIgnoresClientEndpoints() {
        List<String> served = AnnotatedEndpoints.scan("dev.wsf.annotated.scanned").stream()
                .map(EndpointDefinition::displayName).toList();
        assertFalse(served.contains(EchoClient.class.getName()), served.toString());
    }

    @Test
    void clientEndpointsAreScannedWhenAskedFor() {
        Map<Class<?>, EndpointDefinition> clients = AnnotatedEndpoints.builder()
                .scan("dev.wsf.annotated.scanned")
                .buildClients();
        assertEquals(List.of(EchoClient.class), List.copyOf(clients.keySet()), "and no server endpoint");
        assertEquals(EchoClient.class.getName(), clients.get(EchoClient.class).displayName());
    }

    @Test
    void scanningAPackageWithoutEndpointsFindsNothing() {
        assertTrue(AnnotatedEndpoints.scan("dev.wsf.annotated.nothing.here").isEmpty());
    }

    @Test
    void explicitClassesAndScannedOnesCombineWithoutDuplicates() {
        List<EndpointDefinition> all = AnnotatedEndpoints.builder()
                .add(EchoEndpoint.class)
                .scan("dev.wsf.annotated.scanned")
                .build();
        assertEquals(2, all.size());
    }
}
