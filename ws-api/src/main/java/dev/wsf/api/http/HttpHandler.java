package dev.wsf.api.http;

import dev.wsf.api.HandshakeRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers plain HTTP requests (GET and HEAD without an upgrade) on the WebSocket server's port,
 * e.g. to serve the page that opens the socket ({@link StaticFiles} serves a directory of them).
 * Runs on an I/O thread, so it must answer quickly and never wait on anything slow (a remote
 * call, a lock held long). Return empty to fall through to the server's 404.
 *
 * <p>What the server does around it:
 * <ul>
 *   <li>HEAD requests come here too, with {@code method()} {@code "HEAD"}; answer as for GET, and
 *       the server sends the head of the answer without its body.</li>
 *   <li>Other methods never come here: they get {@code 405 Method Not Allowed} with
 *       {@code Allow: GET, HEAD}.</li>
 *   <li>Request content is not supported: a GET or HEAD that announces some gets 413, any other
 *       request with content 405, and the connection closes without reading it.</li>
 *   <li>Connections persist (HTTP/1.1 keep-alive): a browser loads a page, its scripts and then
 *       opens the WebSocket on one connection. A connection serves at most 100 requests, and
 *       closes when idle for the handshake timeout; HTTP/1.0 clients get one answer per
 *       connection unless they ask for {@code keep-alive}.</li>
 * </ul>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * Answers one GET or HEAD request, on the connection's I/O thread. An exception it throws is
     * logged and answered with 500, and the connection closes.
     *
     * @param request the request: method, path, query and headers (it has no body)
     * @return the answer; empty to leave the request to the next handler or the server's 404 (at
     *         a WebSocket endpoint's path, its refusal of a request without an upgrade)
     */
    Optional<HttpResponse> handle(HandshakeRequest request);

    /**
     * This handler, and for the requests it leaves unanswered, {@code next}.
     *
     * @param next asked only when this handler answers empty
     * @return a handler combining both; an exception from this handler is not passed on to
     *         {@code next}
     * @throws NullPointerException if {@code next} is null
     */
    default HttpHandler orElse(HttpHandler next) {
        Objects.requireNonNull(next, "next");
        return request -> {
            Optional<HttpResponse> answer = handle(request);
            return answer.isPresent() ? answer : next.handle(request);
        };
    }
}
