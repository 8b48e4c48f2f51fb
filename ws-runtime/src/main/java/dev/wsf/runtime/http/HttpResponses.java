package dev.wsf.runtime.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Renders HTTP/1.1 responses: the 101 of an upgrade, and final responses, after which the
 * connection either closes or stays open for the next request. A final response to a HEAD
 * request is its head alone: it announces the length of the body a GET would have had, but must
 * not carry it (RFC 9110 section 9.3.2); a 204 or 304 has neither body nor length.
 */
public final class HttpResponses {
    private HttpResponses() {
    }

    /** What a final response says about its connection. */
    public enum Persistence {
        /** {@code Connection: close}: the server closes once it is written. */
        CLOSE,
        /** No {@code Connection} field: an HTTP/1.1 connection stays open for the next request. */
        PERSISTENT,
        /** {@code Connection: keep-alive}: an HTTP/1.0 client asked to keep the connection open. */
        KEEP_ALIVE
    }

    /**
     * A complete response whose body is plain text (none if {@code toHead}), followed by closing
     * the connection.
     *
     * @param status the status code; its reason phrase is {@link #reasonPhrase}
     * @param message the body, in UTF-8 with a newline added
     * @param extraHeaders fields besides {@code Content-Type} and the length, such as {@code Allow}
     * @param toHead whether the request was a HEAD: then the head alone, with the length the body
     *               would have
     * @return a new buffer holding the response, ready to write
     */
    public static ByteBuffer error(int status, String message, Map<String, String> extraHeaders, boolean toHead) {
        return error(status, message, extraHeaders, toHead, Persistence.CLOSE);
    }

    /**
     * A complete response whose body is plain text (none if {@code toHead}).
     *
     * @param status the status code; its reason phrase is {@link #reasonPhrase}
     * @param message the body, in UTF-8 with a newline added
     * @param extraHeaders fields besides {@code Content-Type} and the length, such as {@code Allow}
     * @param toHead whether the request was a HEAD: then the head alone, with the length the body
     *               would have
     * @param persistence what the response says about the connection
     * @return a new buffer holding the response, ready to write
     */
    public static ByteBuffer error(int status, String message, Map<String, String> extraHeaders, boolean toHead,
                                   Persistence persistence) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = statusLine(status);
        extraHeaders.forEach((name, value) -> header(sb, name, value));
        header(sb, "Content-Type", "text/plain; charset=utf-8");
        return finish(sb, status, body, toHead, persistence);
    }

    /**
     * A complete response with the given body (none if {@code toHead}) and headers, followed by
     * closing the connection.
     *
     * @param status the status code; its reason phrase is {@link #reasonPhrase}
     * @param headers the fields besides the length and {@code Connection}
     * @param body the body, sent as it is
     * @param toHead whether the request was a HEAD: then the head alone, with the length the body
     *               would have
     * @return a new buffer holding the response, ready to write
     */
    public static ByteBuffer response(int status, Headers headers, byte[] body, boolean toHead) {
        return response(status, headers, body, toHead, Persistence.CLOSE);
    }

    /**
     * A complete response with the given body (none if {@code toHead}) and headers.
     *
     * @param status the status code; its reason phrase is {@link #reasonPhrase}
     * @param headers the fields besides the length and {@code Connection}
     * @param body the body, sent as it is
     * @param toHead whether the request was a HEAD: then the head alone, with the length the body
     *               would have
     * @param persistence what the response says about the connection
     * @return a new buffer holding the response, ready to write
     */
    public static ByteBuffer response(int status, Headers headers, byte[] body, boolean toHead,
                                      Persistence persistence) {
        StringBuilder sb = statusLine(status);
        for (int i = 0; i < headers.size(); i++) {
            header(sb, headers.name(i), headers.value(i));
        }
        return finish(sb, status, body, toHead, persistence);
    }

    /**
     * The 101 answer accepting an upgrade; {@code headers} carry Sec-WebSocket-Accept and the rest.
     *
     * @param headers the fields besides {@code Upgrade} and {@code Connection}
     * @return a new buffer holding the response, ready to write
     */
    public static ByteBuffer switchingProtocols(Headers headers) {
        StringBuilder sb = new StringBuilder(256).append("HTTP/1.1 101 Switching Protocols\r\n");
        header(sb, "Upgrade", "websocket");
        header(sb, "Connection", "Upgrade");
        for (int i = 0; i < headers.size(); i++) {
            header(sb, headers.name(i), headers.value(i));
        }
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * What is wrong with the first field that cannot be sent as it is, or empty if all can: a name
     * that is not a token, or a value with a control character (CR and LF above all, which would
     * end the field early and let the rest of the value write fields of its own). The description
     * names the field only if its name is a token, and never quotes the value, so it can be logged.
     *
     * @param headers the fields to check
     * @return a description of the problem, safe to log, or empty
     */
    public static Optional<String> invalidField(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            String problem = problem(headers.name(i), headers.value(i));
            if (problem != null) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    private static String problem(String name, String value) {
        if (!HttpChars.isToken(name)) {
            return "a header whose name is not a token";
        }
        int control = HttpChars.indexOfControl(value, 0);
        if (control >= 0) {
            return String.format("header %s with a control character (0x%02x) in its value", name, (int) value.charAt(control));
        }
        return null;
    }

    /**
     * The standard reason phrase for a status code.
     *
     * @param status any status code
     * @return the phrase, such as {@code Not Found}, or {@code Status } and the code for one
     *         without
     */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }

    private static StringBuilder statusLine(int status) {
        return new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reasonPhrase(status)).append("\r\n");
    }

    private static ByteBuffer finish(StringBuilder sb, int status, byte[] body, boolean toHead,
                                     Persistence persistence) {
        // RFC 9110 sections 8.6 and 15.4.5: a 204 has no length, and a 304's would have to be that
        // of the 200 it stands for, which is not known here, so neither says one; neither has a body
        boolean bodiless = status == 204 || status == 304;
        if (!bodiless) {
            header(sb, "Content-Length", Integer.toString(body.length));
        }
        switch (persistence) {
            case CLOSE -> header(sb, "Connection", "close");
            case KEEP_ALIVE -> header(sb, "Connection", "keep-alive");
            case PERSISTENT -> { }
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (toHead || bodiless) {
            return ByteBuffer.wrap(head);
        }
        return ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
    }

    /** @throws IllegalArgumentException for a field {@link #invalidField} would report: check first */
    private static void header(StringBuilder sb, String name, String value) {
        String problem = problem(name, value);
        if (problem != null) {
            throw new IllegalArgumentException("cannot send " + problem);
        }
        sb.append(name).append(": ").append(value).append("\r\n");
    }
}
