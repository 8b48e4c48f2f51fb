package dev.wsf.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotations.scanned.EchoClient;
import dev.wsf.annotations.scanned.EchoEndpoint;
import dev.wsf.annotations.testing.Connection;
import dev.wsf.annotations.testing.FakeHandshakeRequest;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanTest {

    @Test
    void findsEndpointClassesInPackagesAndSubPackages() {
        List<EndpointDefinition> found = AnnotatedEndpoints.scan("dev.wsf.annotations.scanned");
        assertEquals(List.of("dev.wsf.annotations.scanned.EchoEndpoint", "dev.wsf.annotations.scanned.sub.ReverseEndpoint"),
                found.stream().map(EndpointDefinition::displayName).toList());
        Connection reverse = Connection.open(found.get(1), FakeHandshakeRequest.to("/reverse"));
        reverse.handler().onText(reverse.session(), "abc");
        assertEquals(List.of("cba"), reverse.session().sentText(), "a package-private class works too");
    }

    @Test
    void scanningForServersIgnoresClientEndpoints() {
        List<String> served = AnnotatedEndpoints.scan("dev.wsf.annotations.scanned").stream()
                .map(EndpointDefinition::displayName).toList();
        assertFalse(served.contains(EchoClient.class.getName()), served.toString());
    }

    @Test
    void clientEndpointsAreScannedWhenAskedFor() {
        Map<Class<?>, EndpointDefinition> clients = AnnotatedEndpoints.builder()
                .scan("dev.wsf.annotations.scanned")
                .buildClients();
        assertEquals(List.of(EchoClient.class), List.copyOf(clients.keySet()), "and no server endpoint");
        assertEquals(EchoClient.class.getName(), clients.get(EchoClient.class).displayName());
    }

    @Test
    void scanningAPackageWithoutEndpointsFindsNothing() {
        assertTrue(AnnotatedEndpoints.scan("dev.wsf.annotations.nothing.here").isEmpty());
    }

    @Test
    void explicitClassesAndScannedOnesCombineWithoutDuplicates() {
        List<EndpointDefinition> all = AnnotatedEndpoints.builder()
                .add(EchoEndpoint.class)
                .scan("dev.wsf.annotations.scanned")
                .build();
        assertEquals(2, all.size());
    }
}
