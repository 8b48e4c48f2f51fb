package dev.wsf.runtime.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * A parsed HTTP/1.x request head.
 *
 * @param method   the request method, e.g. {@code GET}
 * @param target   the request target as sent
 * @param path     the target's path, still percent-encoded
 * @param rawQuery the target's query, still percent-encoded, or null if there is none
 * @param headers  the header fields
 * @param version  the HTTP version, {@code HTTP/1.0} or {@code HTTP/1.1} (a later 1.x is taken as 1.1)
 */
public record HttpRequestHead(String method, String target, String path, String rawQuery, Headers headers,
                              String version) {

    /**
     * Whether this is an HTTP/1.0 request: no upgrade, and no persistent connection unless asked.
     *
     * @return true for {@code HTTP/1.0}, false for {@code HTTP/1.1}
     */
    public boolean isHttp10() {
        return version.equals("HTTP/1.0");
    }

    /**
     * Parses a head collected by {@link HttpHeadReader}.
     *
     * @param head the whole head, start line to blank line
     * @return the request line's parts and the fields
     * @throws HttpException 400 for anything that is not an HTTP/1.x request line with a path, or
     *                       for malformed header fields; 505 for another well-formed version
     */
    public static HttpRequestHead parse(byte[] head) throws HttpException {
        List<String> lines = HeadLines.split(head);
        String[] parts = lines.isEmpty() ? new String[0] : lines.get(0).split(" ", -1);
        if (parts.length != 3 || !HttpChars.isToken(parts[0])) {
            throw new HttpException(400, "malformed request line: "
                    + HeadLines.printable(lines.isEmpty() ? "" : lines.get(0)));
        }
        String version = parts[2];
        if (!version.matches("HTTP/1\\.[0-9]")) {
            // 505 only for a well-formed version we do not speak; anything else is malformed
            throw new HttpException(version.matches("HTTP/[0-9]\\.[0-9]") ? 505 : 400,
                    "this server speaks HTTP/1.1, not " + HeadLines.printable(version));
        }
        String target = parts[1];
        String path;
        String query;
        if (target.startsWith("/")) {
            int q = target.indexOf('?');
            path = q < 0 ? target : target.substring(0, q);
            query = q < 0 ? null : target.substring(q + 1);
        } else {
            URI uri = absoluteForm(target);
            path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            query = uri.getRawQuery();
        }
        if (target.indexOf('#') >= 0) {
            throw new HttpException(400, "request target must not have a fragment");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new HttpException(400, "request target has a character that must be percent-encoded");
            }
        }
        return new HttpRequestHead(parts[0], target, path, query, HeadLines.fields(lines),
                version.equals("HTTP/1.0") ? version : "HTTP/1.1");
    }

    private static URI absoluteForm(String target) throws HttpException {
        try {
            URI uri = new URI(target);
            if (uri.isAbsolute() && uri.getRawAuthority() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // fall through
        }
        throw new HttpException(400, "request target is neither a path nor an absolute URI: "
                + HeadLines.printable(target));
    }
}
