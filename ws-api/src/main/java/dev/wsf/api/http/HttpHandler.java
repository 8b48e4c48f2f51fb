package dev.wsf.api.http;

import dev.wsf.api.HandshakeRequest;
import java.util.Optional;

/**
 * Answers plain HTTP requests (GET and HEAD without an upgrade) on the WebSocket server's port,
 * e.g. to serve the page that opens the socket. Runs on an I/O thread, so it must answer from
 * memory and never block. Return empty to fall through to the server's 404.
 */
@FunctionalInterface
public interface HttpHandler {
    Optional<HttpResponse> handle(HandshakeRequest request);
}
