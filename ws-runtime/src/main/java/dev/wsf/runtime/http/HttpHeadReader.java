package dev.wsf.runtime.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects the head of an HTTP message (start line and header fields) from input that may arrive
 * one byte at a time, up to a size limit. It stops exactly at the blank line that ends the head,
 * leaving whatever follows (the first WebSocket frames) in the input buffer.
 */
public final class HttpHeadReader {
    private final int maxSize;
    private byte[] buf;
    private int length;
    private boolean firstLineComplete;

    public HttpHeadReader(int maxSize) {
        this.maxSize = maxSize;
        this.buf = new byte[Math.min(512, maxSize)];
    }

    /**
     * Consumes input up to the end of the head.
     *
     * @return the whole head once its blank line has arrived, otherwise null (more input needed)
     * @throws HttpException 414 if the request line, or 431 if the head, exceeds the limit
     */
    public byte[] read(ByteBuffer in) throws HttpException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (length == 0 && (b == '\r' || b == '\n')) {
                continue; // RFC 9112 section 2.2: ignore empty lines before the request line
            }
            if (length == maxSize) {
                throw firstLineComplete
                        ? new HttpException(431, "request header fields exceed " + maxSize + " bytes")
                        : new HttpException(414, "request line exceeds " + maxSize + " bytes");
            }
            if (length == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(maxSize, length * 2));
            }
            buf[length++] = b;
            if (b == '\n') {
                firstLineComplete = true;
                if (endsWithBlankLine()) {
                    return Arrays.copyOf(buf, length);
                }
            }
        }
        return null;
    }

    private boolean endsWithBlankLine() {
        return (length >= 2 && buf[length - 2] == '\n')
                || (length >= 3 && buf[length - 2] == '\r' && buf[length - 3] == '\n');
    }
}
