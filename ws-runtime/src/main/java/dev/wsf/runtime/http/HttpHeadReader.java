package dev.wsf.runtime.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects the head of an HTTP message (start line and header fields) from input that may arrive
 * one byte at a time, up to a size limit. It stops exactly at the blank line that ends the head,
 * leaving whatever follows (the first WebSocket frames) in the input buffer.
 *
 * <p>It also fails as soon as a byte shows that the input cannot be the head of an HTTP/1.1
 * message, rather than waiting for a line end that may never come (a TLS ClientHello on the
 * plain port, a protocol that ends lines with CR): a first word that is not a method token (or,
 * for a response, does not begin {@code HTTP/}), a control character in the start line, or a CR
 * not followed by LF (RFC 9112 section 2.2). These checks look at each byte once, with no
 * look-back. The header fields themselves are checked by the parsers, once the head is complete.
 */
public final class HttpHeadReader {

    /** Which start line the head begins with, which decides what its first bytes may be. */
    public enum StartLine {
        /** A request line, {@code GET /path HTTP/1.1}: the message a server reads. */
        REQUEST(400, "request line", "request header fields", 1),
        /** A status line, {@code HTTP/1.1 101 Switching Protocols}: the message a client reads. */
        STATUS(502, "status line", "response header fields", "HTTP/x".length()); // the prefix and a digit at least

        private static final String VERSION_PREFIX = "HTTP/";

        private final int malformedStatus;
        private final String lineName;
        private final String fieldsName;
        private final int minFirstWord; // a space before this many bytes cannot end the first word

        StartLine(int malformedStatus, String lineName, String fieldsName, int minFirstWord) {
            this.malformedStatus = malformedStatus;
            this.lineName = lineName;
            this.fieldsName = fieldsName;
            this.minFirstWord = minFirstWord;
        }

        /** Whether the first word (method, or HTTP-version) may have {@code c} at {@code index}. */
        private boolean allowsInFirstWord(int c, int index) {
            if (this == STATUS && index < VERSION_PREFIX.length()) {
                return c == VERSION_PREFIX.charAt(index); // '/' is not a token character
            }
            return HttpChars.isTokenChar(c);
        }

        /** Whether the rest of the line may have {@code c}; a reason phrase may have HTAB, a request line not. */
        private boolean allowsInRest(int c) {
            return !HttpChars.isControl(c) && (c != '\t' || this == STATUS);
        }
    }

    private static final int FIRST_WORD = 0;
    private static final int START_LINE_REST = 1;
    private static final int FIELDS = 2;

    private final StartLine startLine;
    private final int maxSize;
    private byte[] buf;
    private int length;
    private int phase = FIRST_WORD;
    private int firstWordLength;
    private boolean afterCr;

    /**
     * A reader for one head.
     *
     * @param startLine whether a request or a status line starts the head
     * @param maxSize the largest head accepted, in bytes, the blank line included
     */
    public HttpHeadReader(StartLine startLine, int maxSize) {
        this.startLine = startLine;
        this.maxSize = maxSize;
        this.buf = new byte[Math.min(512, maxSize)];
    }

    /**
     * Consumes input up to the end of the head.
     *
     * @param in the bytes read; consumed up to the end of the head, and the rest (a first WebSocket
     *           frame, say) left in place
     * @return the whole head once its blank line has arrived, otherwise null (more input needed)
     * @throws HttpException 414 if the start line, or 431 if the head, exceeds the limit; 400 (502
     *                       for a status line) as soon as the bytes cannot be an HTTP/1.1 head
     */
    public byte[] read(ByteBuffer in) throws HttpException {
        while (in.hasRemaining()) {
            int c = in.get() & 0xff;
            if (afterCr && c != '\n') {
                throw malformed("a CR not followed by LF");
            }
            afterCr = c == '\r';
            if (length == 0 && (c == '\r' || c == '\n')) {
                continue; // RFC 9112 section 2.2: ignore empty lines before the start line
            }
            check(c);
            if (length == maxSize) {
                throw phase != FIELDS
                        ? new HttpException(414, startLine.lineName + " exceeds " + maxSize + " bytes")
                        : new HttpException(431, startLine.fieldsName + " exceed " + maxSize + " bytes");
            }
            if (length == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(maxSize, length * 2));
            }
            buf[length++] = (byte) c;
            if (c == '\n' && endsWithBlankLine()) {
                return Arrays.copyOf(buf, length);
            }
        }
        return null;
    }

    /**
     * The first word of the start line (a request's method) once the space after it has arrived,
     * even if the rest of the head then fails; otherwise null. A server needs it to answer a HEAD
     * request that it refuses without a body.
     *
     * @return the first word, such as {@code GET}, or null if its end has not arrived
     */
    public String firstWord() {
        return phase == FIRST_WORD ? null : new String(buf, 0, firstWordLength, StandardCharsets.US_ASCII);
    }

    /**
     * Whether any byte of a head has arrived (empty lines before the start line do not count):
     * what tells a connection idle between two requests from one with a request under way.
     *
     * @return true once a byte of the start line has arrived
     */
    public boolean started() {
        return length > 0;
    }

    /** Advances the start-line phase over {@code c}, the byte about to be stored, or fails. */
    private void check(int c) throws HttpException {
        if (phase == FIRST_WORD) {
            if (c == ' ' && length >= startLine.minFirstWord) {
                phase = START_LINE_REST;
                firstWordLength = length;
            } else if (!startLine.allowsInFirstWord(c, length)) {
                throw malformed(firstWordProblem(c));
            }
        } else if (phase == START_LINE_REST) {
            if (c == '\n') {
                phase = FIELDS;
            } else if (c != '\r' && !startLine.allowsInRest(c)) {
                throw malformed(String.format("control character 0x%02x", c));
            }
        }
    }

    /** Says what is wrong without quoting the byte itself, which may be anything. */
    private String firstWordProblem(int c) {
        if (startLine == StartLine.STATUS) {
            return "it does not start with an HTTP version";
        }
        if (length == 0 && c == 0x16) {
            return "it starts like a TLS handshake (0x16), but this port speaks plain HTTP";
        }
        return String.format("0x%02x where the method token should be", c);
    }

    private HttpException malformed(String why) {
        String where = phase == FIELDS ? startLine.fieldsName : startLine.lineName;
        return new HttpException(startLine.malformedStatus, "malformed " + where + ": " + why);
    }

    private boolean endsWithBlankLine() {
        return (length >= 2 && buf[length - 2] == '\n')
                || (length >= 3 && buf[length - 2] == '\r' && buf[length - 3] == '\n');
    }
}
