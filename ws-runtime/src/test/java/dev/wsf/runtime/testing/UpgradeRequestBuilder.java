package dev.wsf.runtime.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an HTTP upgrade request, valid by default, with any part changed or left out. */
public final class UpgradeRequestBuilder {
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455 section 1.3
    public static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private String requestLine;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private UpgradeRequestBuilder(String target) {
        requestLine = "GET " + target + " HTTP/1.1";
        headers.put("Host", "127.0.0.1:8080");
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", KEY);
        headers.put("Sec-WebSocket-Version", "13");
    }

    public static UpgradeRequestBuilder to(String target) {
        return new UpgradeRequestBuilder(target);
    }

    public UpgradeRequestBuilder requestLine(String line) {
        this.requestLine = line;
        return this;
    }

    public UpgradeRequestBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public UpgradeRequestBuilder without(String name) {
        headers.remove(name);
        return this;
    }

    public byte[] bytes() {
        StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
