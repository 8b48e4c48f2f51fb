package dev.wsf.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A complete HTTP response for an {@link HttpHandler}. The server adds {@code Content-Length}
 * (none on a 204 or 304, which have no body) and, when the connection is to close after it,
 * {@code Connection: close}.
 *
 * @param status      the status code
 * @param contentType the Content-Type header value; empty for none (a 304, say)
 * @param body        the body bytes; the server only reads them
 * @param headers     further headers (Content-Length and Connection are set by the server)
 *
 * @since 0.1
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public HttpResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** 200 with a body of the given type. */
    public static HttpResponse ok(String contentType, byte[] body) {
        return new HttpResponse(200, contentType, body, Map.of());
    }

    /** 200 with an HTML page. */
    public static HttpResponse html(String page) {
        return ok("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }
}
