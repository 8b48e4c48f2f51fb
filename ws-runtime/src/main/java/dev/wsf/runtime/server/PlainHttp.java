package dev.wsf.runtime.server;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.http.HttpResponse;
import dev.wsf.runtime.http.Headers;
import dev.wsf.runtime.http.HttpException;
import dev.wsf.runtime.http.HttpRequestHead;
import dev.wsf.runtime.http.HttpResponses;
import dev.wsf.runtime.http.HttpResponses.Persistence;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the plain HTTP requests of one connection: those without an upgrade, which go to the
 * server's {@link HttpHandler}. Not thread-safe: used by the connection's handshake, on its I/O
 * thread.
 *
 * <ul>
 *   <li>GET and HEAD go to the handler; a HEAD response is the GET response's head alone.</li>
 *   <li>Other methods get 405 with {@code Allow: GET, HEAD} (or {@code Allow: GET} on a
 *       WebSocket endpoint's path); without a handler, 404 as for any path no endpoint serves.</li>
 *   <li>Request content is not supported: a request that announces some (a {@code Content-Length}
 *       other than 0, or any {@code Transfer-Encoding}) is answered without reading it (413 for a
 *       GET or HEAD, 405 for the other methods) and the connection closes, so that the content is
 *       never taken for the next request.</li>
 *   <li>HTTP/1.1 connections persist: after an answer the connection waits for the next
 *       request, up to {@link #MAX_REQUESTS} per connection (the last answer says
 *       {@code Connection: close}), unless the client sent {@code Connection: close}. HTTP/1.0
 *       connections close after one answer unless the client asked for {@code keep-alive}.</li>
 * </ul>
 */
final class PlainHttp {
    /** Requests answered on one connection before it is closed. */
    static final int MAX_REQUESTS = 100;

    private final Optional<HttpHandler> handler;
    private int answered;

    /**
     * An answer, ready to write.
     *
     * @param bytes     the whole response
     * @param keepAlive whether the connection waits for another request after it
     * @param status    the response's status
     * @param refusal   why the request was refused (for the log), or null for the handler's answer
     */
    record Answer(ByteBuffer bytes, boolean keepAlive, int status, String refusal) {
    }

    PlainHttp(Optional<HttpHandler> handler) {
        this.handler = handler;
    }

    /** Requests answered so far on this connection. */
    int answered() {
        return answered;
    }

    /**
     * The answer to a request without an upgrade.
     *
     * @param route   the WebSocket endpoint at the request's path, if any
     * @param request the request as the handler sees it
     * @throws HttpException for a request that must be refused and the connection closed: 413 for
     *                       content on GET or HEAD, 400 for a malformed length, 500 when the
     *                       handler fails or answers with a field that cannot be sent
     */
    Answer answer(HttpRequestHead head, Optional<EndpointRouter.Route> route, HandshakeRequest request)
            throws HttpException {
        String method = head.method();
        boolean readOnly = method.equals("GET") || method.equals("HEAD");
        boolean hasContent = hasContent(head.headers());
        if (readOnly && hasContent) {
            throw new HttpException(413, "this server takes no request content: a " + method + " request must have none");
        }
        boolean toHead = method.equals("HEAD");
        Persistence persistence = persistence(head, hasContent);
        answered++;
        if (readOnly && handler.isPresent()) {
            Optional<HttpResponse> response;
            try {
                response = handler.get().handle(request);
            } catch (RuntimeException e) {
                ServerHandshake.LOG.log(System.Logger.Level.ERROR, "the HTTP handler failed on " + request, e);
                throw new HttpException(500, "internal error");
            }
            if (response.isPresent()) {
                return new Answer(render(response.get(), request, toHead, persistence),
                        persistence != Persistence.CLOSE, response.get().status(), null);
            }
        }
        if (route.isPresent()) {
            return method.equals("GET")
                    ? refusal(400, head.path() + " is a WebSocket endpoint: the request needs 'Upgrade: websocket'",
                            Map.of(), toHead, persistence)
                    : refusal(405, "a WebSocket upgrade must use GET", Map.of("Allow", "GET"), toHead, persistence);
        }
        if (!readOnly && handler.isPresent()) {
            return refusal(405, "only GET and HEAD are served here", Map.of("Allow", "GET, HEAD"), toHead, persistence);
        }
        return refusal(404, "nothing at " + head.path(), Map.of(), toHead, persistence);
    }

    private static Answer refusal(int status, String message, Map<String, String> headers, boolean toHead,
                                  Persistence persistence) {
        return new Answer(HttpResponses.error(status, message, headers, toHead, persistence),
                persistence != Persistence.CLOSE, status, status + ": " + message);
    }

    private ByteBuffer render(HttpResponse answer, HandshakeRequest request, boolean toHead, Persistence persistence)
            throws HttpException {
        Headers headers = new Headers();
        if (!answer.contentType().isEmpty()) {
            headers.add("Content-Type", answer.contentType());
        }
        answer.headers().forEach(headers::add);
        Optional<String> invalid = HttpResponses.invalidField(headers);
        if (invalid.isPresent()) { // an application fault: refuse before anything is written
            ServerHandshake.LOG.log(System.Logger.Level.WARNING, "the HTTP handler " + handler.orElseThrow()
                    + " answered " + request + " with " + invalid.get() + "; answering 500");
            throw new HttpException(500, "internal error");
        }
        return HttpResponses.response(answer.status(), headers, answer.body(), toHead, persistence);
    }

    /** Whether the connection may carry another request after this one's answer. */
    private Persistence persistence(HttpRequestHead head, boolean hasContent) {
        Headers h = head.headers();
        if (hasContent || answered + 1 >= MAX_REQUESTS || h.hasToken("Connection", "close")) {
            return Persistence.CLOSE;
        }
        if (head.isHttp10()) {
            return h.hasToken("Connection", "keep-alive") ? Persistence.KEEP_ALIVE : Persistence.CLOSE;
        }
        return Persistence.PERSISTENT;
    }

    /**
     * Whether the request announces content (RFC 9112 section 6.3): any Transfer-Encoding, or a
     * Content-Length other than 0.
     *
     * @throws HttpException 400 for a Content-Length that is not one non-negative number
     */
    private static boolean hasContent(Headers h) throws HttpException {
        if (!h.all("Transfer-Encoding").isEmpty()) {
            return true;
        }
        List<String> lengths = h.list("Content-Length");
        String length = null;
        for (String l : lengths) {
            if (l.isEmpty() || l.length() > 18 || !l.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (length != null && !length.equals(l))) {
                throw new HttpException(400, "malformed Content-Length");
            }
            length = l;
        }
        return length != null && Long.parseLong(length) > 0;
    }
}
