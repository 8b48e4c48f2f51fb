package dev.wsf.api.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.extension.ExtensionConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void sameOriginComparesHostAndPort() {
        OriginPolicy p = OriginPolicy.sameOrigin();
        assertTrue(p.allows(request("localhost:8080", "http://localhost:8080")));
        assertTrue(p.allows(request("LocalHost:8080", "http://localhost:8080")));
        assertTrue(p.allows(request("example.com", "http://example.com")));
        assertTrue(p.allows(request("example.com", "https://example.com")), "TLS terminated in front of us");
        assertFalse(p.allows(request("localhost:8080", "http://localhost:3000")));
        assertFalse(p.allows(request("localhost:8080", "http://evil.example:8080")));
        assertFalse(p.allows(request("localhost:8080", "null")));
        assertTrue(p.allows(request("localhost:8080", null)), "non-browser clients send no Origin");
    }

    @Test
    void allowListIsExact() {
        OriginPolicy p = OriginPolicy.allowList("https://app.example.com");
        assertTrue(p.allows(request("x", "https://app.example.com")));
        assertTrue(p.allows(request("x", "HTTPS://APP.EXAMPLE.COM")));
        assertFalse(p.allows(request("x", "https://app.example.com.evil.net")));
    }

    private static HandshakeRequest request(String host, String origin) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Host", List.of(host));
        if (origin != null) {
            headers.put("Origin", List.of(origin));
        }
        return new HandshakeRequest() {
            public String method() { return "GET"; }
            public URI requestUri() { return URI.create("ws://" + host + "/"); }
            public String path() { return "/"; }
            public Map<String, String> pathParameters() { return Map.of(); }
            public Map<String, List<String>> queryParameters() { return Map.of(); }
            public Optional<String> header(String name) { return headers(name).stream().findFirst(); }
            public List<String> headers(String name) { return headers.getOrDefault(name, List.of()); }
            public Map<String, List<String>> headers() { return headers; }
            public List<String> subprotocols() { return List.of(); }
            public List<ExtensionConfig> extensions() { return List.of(); }
            public InetSocketAddress remoteAddress() { return new InetSocketAddress(0); }
        };
    }
}
