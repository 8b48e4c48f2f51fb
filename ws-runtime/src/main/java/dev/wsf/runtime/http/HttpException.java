package dev.wsf.runtime.http;

import java.util.Map;

/** An HTTP request that must be refused with {@link #status()}; the message becomes the body. */
public final class HttpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    /**
     * Without extra response headers.
     *
     * @param status the status code to answer with, 4xx or 5xx
     * @param message what is wrong, sent as the body of the answer
     */
    public HttpException(int status, String message) {
        this(status, message, Map.of());
    }

    /**
     * With extra response headers, e.g. {@code Sec-WebSocket-Version} on a 426.
     *
     * @param status the status code to answer with, 4xx or 5xx
     * @param message what is wrong, sent as the body of the answer
     * @param headers the extra fields, copied
     */
    public HttpException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /**
     * The status code of the answer.
     *
     * @return the code, 4xx or 5xx
     */
    public int status() {
        return status;
    }

    /**
     * The extra fields of the answer.
     *
     * @return an immutable map, empty if none
     */
    public Map<String, String> headers() {
        return headers;
    }
}
