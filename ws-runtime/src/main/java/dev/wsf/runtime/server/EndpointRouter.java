package dev.wsf.runtime.server;

import dev.wsf.api.DeploymentException;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the endpoint for a request path: an exact literal path first, then the most specific
 * matching template. Refuses, when built, two endpoints that would match the same paths.
 */
public final class EndpointRouter {

    /** A matched endpoint and the values its template bound. */
    public record Route(EndpointDefinition endpoint, Map<String, String> pathParameters) {
    }

    private final Map<String, EndpointDefinition> literals = new HashMap<>();
    private final List<EndpointDefinition> templates = new ArrayList<>();

    /**
     * @param endpoints the server's endpoints, each with its path
     * @throws DeploymentException naming both endpoints if two share a path
     */
    public EndpointRouter(List<EndpointDefinition> endpoints) {
        List<EndpointDefinition> seen = new ArrayList<>();
        for (EndpointDefinition e : endpoints) {
            for (EndpointDefinition other : seen) {
                if (e.path().conflictsWith(other.path())) {
                    throw new DeploymentException("two endpoints on the same path: " + other + " and " + e
                            + "; give one of them another path");
                }
            }
            seen.add(e);
            if (e.path().isLiteral()) {
                literals.put(e.path().template(), e);
            } else {
                templates.add(e);
            }
        }
        templates.sort(Comparator.comparing(EndpointDefinition::path,
                dev.wsf.api.endpoint.PathTemplate.MOST_SPECIFIC_FIRST));
    }

    /**
     * The endpoint for a raw (percent-encoded) request path.
     *
     * @param rawPath the request target's path, without the query, as sent
     * @return the endpoint and its path parameters' values, or empty if no path matches; a literal
     *         path wins over templates, and a more specific template over a less specific one
     */
    public Optional<Route> route(String rawPath) {
        EndpointDefinition literal = literals.get(rawPath);
        if (literal != null) {
            return Optional.of(new Route(literal, Map.of()));
        }
        for (EndpointDefinition t : templates) {
            Optional<Map<String, String>> values = t.path().match(rawPath);
            if (values.isPresent()) {
                return Optional.of(new Route(t, values.get()));
            }
        }
        return Optional.empty();
    }
}
