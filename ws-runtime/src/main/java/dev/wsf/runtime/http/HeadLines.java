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
            if (colon <= 0 || !isToken(line, 0, colon)) {
                throw new HttpException(400, "malformed header field: " + printable(line));
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return headers;
    }

    static boolean isToken(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Quotes a line for an error message, cut short and without control characters. */
    static String printable(String line) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
