package dev.wsf.runtime.http;

import java.util.Map;

/** An HTTP request that must be refused with {@link #status()}; the message becomes the body. */
public final class HttpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    public HttpException(int status, String message) {
        this(status, message, Map.of());
    }

    /** With extra response headers, e.g. {@code Sec-WebSocket-Version} on a 426. */
    public HttpException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
