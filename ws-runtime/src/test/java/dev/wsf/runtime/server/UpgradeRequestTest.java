package dev.wsf.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.runtime.http.HttpException;
import dev.wsf.runtime.http.HttpRequestHead;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeRequestTest {
    private static final byte[] HEAD = ("GET /chat/lobby?token=abc&x=1&x=2 HTTP/1.1\r\n"
            + "Host: example.com:8080\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: v2.json, v1.json\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "Cookie: a=1\r\n"
            + "cookie: b=2\r\n"
            + "\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private static UpgradeRequest request() throws HttpException {
        return new UpgradeRequest(HEAD, HttpRequestHead.parse(HEAD), Map.of("room", "lobby"),
                new InetSocketAddress("127.0.0.1", 4000), List.of(), Optional.empty());
    }

    /** Everything a session's application can ask, as one comparable value. */
    private static List<Object> answers(UpgradeRequest r) {
        return List.of(r.method(), r.path(), r.requestUri(), r.queryParameters(), r.pathParameters(),
                r.header("host"), r.header("Missing"), r.headers("COOKIE"), r.headers(), r.subprotocols(),
                r.remoteAddress(), r.toString());
    }

    @Test
    void answersTheSameAfterLettingGoOfTheParsedHead() throws HttpException {
        UpgradeRequest request = request();
        List<Object> parsed = answers(request);
        request.compact();
        assertEquals(parsed, answers(request));
        assertEquals(List.of("a=1", "b=2"), request.headers("Cookie"));
        assertEquals(List.of("v2.json", "v1.json", "chat"), request.subprotocols());
        assertEquals("/chat/lobby", request.path());
    }
}
