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

    /**
     * Checks and copies the components. The header fields are checked when the response is sent:
     * one the server cannot send (a name that is not a token, a control character in a value)
     * makes it answer 500 instead.
     *
     * @param status the status code
     * @param contentType the Content-Type value, or empty for none
     * @param body the body bytes, not copied
     * @param headers further headers, copied
     * @throws NullPointerException if {@code contentType}, {@code body} or {@code headers}, or one
     *                              of its keys or values, is null
     */
    public HttpResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /**
     * 200 with a body of the given type.
     *
     * @param contentType the Content-Type value, such as {@code application/json}
     * @param body the body bytes, not copied
     * @return a 200 response without further headers
     */
    public static HttpResponse ok(String contentType, byte[] body) {
        return new HttpResponse(200, contentType, body, Map.of());
    }

    /**
     * 200 with an HTML page.
     *
     * @param page the page's HTML, sent encoded as UTF-8
     * @return a 200 response of type {@code text/html; charset=utf-8}
     */
    public static HttpResponse html(String page) {
        return ok("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }
}
