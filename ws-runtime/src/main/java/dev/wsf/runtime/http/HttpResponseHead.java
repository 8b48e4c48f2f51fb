package dev.wsf.runtime.http;

import java.util.List;

/**
 * A parsed HTTP/1.1 response head, as a client reads the server's answer to an upgrade.
 *
 * @param status  the status code
 * @param reason  the reason phrase
 * @param headers the header fields
 */
public record HttpResponseHead(int status, String reason, Headers headers) {

    /**
     * Parses a head collected by {@link HttpHeadReader}.
     *
     * @param head the whole head, status line to blank line
     * @return the status, the reason (empty if none) and the fields
     * @throws HttpException 502 for a malformed status line; 400 for a bare CR or malformed header
     *                       fields
     */
    public static HttpResponseHead parse(byte[] head) throws HttpException {
        List<String> lines = HeadLines.split(head);
        String statusLine = lines.isEmpty() ? "" : lines.get(0);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].matches("HTTP/1\\.[0-9]") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new HttpException(502, "malformed status line: " + HeadLines.printable(statusLine));
        }
        return new HttpResponseHead(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "",
                HeadLines.fields(lines));
    }
}
