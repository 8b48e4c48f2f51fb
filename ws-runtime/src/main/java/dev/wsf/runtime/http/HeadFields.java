package dev.wsf.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Header field lookups in a request head kept as the bytes it arrived in, without parsing the
 * rest of it: what a long-lived connection keeps instead of a string for every name and value.
 * Only for heads that {@link HttpRequestHead#parse} accepted, so every line is a well-formed
 * field and the scan needs no checks of its own. Values come out as the parser gives them:
 * ISO-8859-1, without the whitespace around them.
 */
public final class HeadFields {
    private HeadFields() {
    }

    /**
     * The first value of the field named {@code name} (ignoring case), or null.
     *
     * @param head a whole head, as {@link HttpHeadReader} collects it
     * @param name the field name
     * @return the value, trimmed, or null if there is no such field
     */
    public static String first(byte[] head, String name) {
        List<String> values = scan(head, name, true);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Every value of the field named {@code name} (ignoring case), in order.
     *
     * @param head a whole head, as {@link HttpHeadReader} collects it
     * @param name the field name
     * @return the values, trimmed; empty if there is no such field
     */
    public static List<String> all(byte[] head, String name) {
        return scan(head, name, false);
    }

    private static List<String> scan(byte[] head, String name, boolean firstOnly) {
        List<String> values = new ArrayList<>(1);
        int line = indexOf(head, '\n', 0) + 1; // the fields start after the request line
        while (line < head.length) {
            int lf = indexOf(head, '\n', line);
            int end = lf > line && head[lf - 1] == '\r' ? lf - 1 : lf;
            if (end == line) {
                break; // the blank line that ends the head
            }
            int colon = indexOf(head, ':', line);
            if (colon - line == name.length() && nameMatches(head, line, name)) {
                values.add(trimmedValue(head, colon + 1, end));
                if (firstOnly) {
                    break;
                }
            }
            line = lf + 1;
        }
        return values;
    }

    /** The comparison of {@link String#equalsIgnoreCase}, which the parsed {@link Headers} use. */
    private static boolean nameMatches(byte[] head, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = (char) (head[from + i] & 0xff);
            char n = name.charAt(i);
            if (c == n) {
                continue;
            }
            char cu = Character.toUpperCase(c);
            char nu = Character.toUpperCase(n);
            if (cu != nu && Character.toLowerCase(cu) != Character.toLowerCase(nu)) {
                return false;
            }
        }
        return true;
    }

    private static String trimmedValue(byte[] head, int from, int to) {
        while (from < to && isWhitespace(head[from])) {
            from++;
        }
        while (to > from && isWhitespace(head[to - 1])) {
            to--;
        }
        return new String(head, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int indexOf(byte[] head, char c, int from) {
        for (int i = from; i < head.length; i++) {
            if (head[i] == c) {
                return i;
            }
        }
        return head.length;
    }
}
