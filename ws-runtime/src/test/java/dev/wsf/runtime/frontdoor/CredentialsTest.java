package dev.wsf.runtime.frontdoor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.auth.Credentials;
import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static HandshakeRequest request(Map<String, List<String>> headers, Map<String, List<String>> query) {
        return new HandshakeRequest() {
            public String method() {
                return "GET";
            }

            public URI requestUri() {
                return URI.create("ws://h/p");
            }

            public String path() {
                return "/p";
            }

            public Map<String, String> pathParameters() {
                return Map.of();
            }

            public Map<String, List<String>> queryParameters() {
                return query;
            }

            public Optional<String> header(String name) {
                return headers(name).stream().findFirst();
            }

            public List<String> headers(String name) {
                return headers.getOrDefault(name, List.of());
            }

            public Map<String, List<String>> headers() {
                return headers;
            }

            public List<String> subprotocols() {
                return headers("Sec-WebSocket-Protocol").stream()
                        .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).toList();
            }

            public List<ExtensionConfig> extensions() {
                return List.of();
            }

            public InetSocketAddress remoteAddress() {
                return new InetSocketAddress("127.0.0.1", 1);
            }
        };
    }

    @Test
    void readsTheUsualPlaces() {
        HandshakeRequest r = request(Map.of(
                "Authorization", List.of("Basic x", "bearer  abc.def "),
                "Cookie", List.of("a=1; session=\"s3cr3t\"; b=2"),
                "Sec-WebSocket-Protocol", List.of("chat.v1, token.xyz")), Map.of("access_token", List.of("q1", "q2")));
        assertEquals(Optional.of("abc.def"), Credentials.bearer(r));
        assertEquals(Optional.of("s3cr3t"), Credentials.cookie(r, "session"));
        assertEquals(Optional.of("2"), Credentials.cookie(r, "b"));
        assertEquals(Optional.empty(), Credentials.cookie(r, "missing"));
        assertEquals(Optional.of("q1"), Credentials.queryParameter(r, "access_token"));
        assertEquals(Optional.of("xyz"), Credentials.subprotocolToken(r, "token."));
        assertEquals(Optional.empty(), Credentials.bearer(request(Map.of("Authorization", List.of("Bearer ")), Map.of())));
    }
}
