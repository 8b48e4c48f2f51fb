package dev.wsf.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a message head into its start line and header fields (RFC 9112 sections 2 and 5). */
final class HeadLines {
    private HeadLines() {
    }

    /** The lines of the head without their terminators, excluding the final blank line. */
    static List<String> split(byte[] head) throws HttpException {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end > 0 && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (line.indexOf('\r') >= 0) {
                throw new HttpException(400, "bare CR in message head");
            }
            if (line.isEmpty()) {
                break;
            }
            lines.add(line);
            start = end + 1;
        }
        return lines;
    }

    /** Parses the field lines after the start line. */
    static Headers fields(List<String> lines) throws HttpException {
        Headers headers = new Headers();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpException(400, "obsolete line folding in header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !HttpChars.isToken(line, 0, colon)) {
                throw new HttpException(400, "malformed header field: " + printable(line));
            }
            String name = line.substring(0, colon);
            // RFC 9110 section 5.5: NUL, DEL and the other controls would reach the application
            // (and its logs) as part of the value; only HTAB is allowed.
            int control = HttpChars.indexOfControl(line, colon + 1);
            if (control >= 0) {
                throw new HttpException(400, String.format("header field %s has a control character (0x%02x)"
                        + " in its value", name, (int) line.charAt(control)));
            }
            headers.add(name, trimWhitespace(line, colon + 1));
        }
        return headers;
    }

    /** The value without the optional whitespace (SP, HTAB) around it; String.strip would also eat controls. */
    private static String trimWhitespace(String line, int from) {
        int start = from;
        int end = line.length();
        while (start < end && HttpChars.isWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && HttpChars.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    /** Quotes a line for an error message, cut short and without control characters. */
    static String printable(String line) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
