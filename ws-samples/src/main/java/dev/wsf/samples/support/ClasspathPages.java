package dev.wsf.samples.support;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves a few static files from the classpath over plain HTTP, on the WebSocket port. The files
 * are read once, up front: an {@link HttpHandler} runs on an I/O thread and must answer from
 * memory. The first file is also served at {@code /}.
 */
public final class ClasspathPages implements HttpHandler {
    private final Map<String, HttpResponse> pages;

    private ClasspathPages(Map<String, HttpResponse> pages) {
        this.pages = Map.copyOf(pages);
    }

    /**
     * Loads {@code files}, named relative to {@code anchor}'s package (so
     * {@code src/main/resources/dev/wsf/samples/chat/index.html} for a class in
     * {@code dev.wsf.samples.chat}).
     *
     * @throws IllegalStateException if a file is missing
     */
    public static ClasspathPages load(Class<?> anchor, String... files) {
        Map<String, HttpResponse> pages = new HashMap<>();
        for (String file : files) {
            HttpResponse page = new HttpResponse(200, contentType(file), read(anchor, file),
                    Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"));
            pages.put("/" + file, page);
            pages.putIfAbsent("/", page);
        }
        return new ClasspathPages(pages);
    }

    @Override
    public Optional<HttpResponse> handle(HandshakeRequest request) {
        return Optional.ofNullable(pages.get(request.path()));
    }

    private static byte[] read(Class<?> anchor, String file) {
        try (InputStream in = anchor.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + file + " next to " + anchor.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
