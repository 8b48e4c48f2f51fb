package dev.wsf.runtime.http;

/**
 * The character classes of HTTP/1.1 message heads (RFC 9110 sections 5.5 and 5.6.2), as table
 * lookups: the head reader asks about every byte of every handshake.
 */
public final class HttpChars {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private HttpChars() {
    }

    /**
     * Whether {@code c} (a char, or a byte as 0-255) may appear in a token such as a method or
     * field name.
     *
     * @param c the character
     * @return true for the tchar of RFC 9110: letters, digits and {@code !#$%&'*+-.^_`|~}
     */
    public static boolean isTokenChar(int c) {
        return c < 128 && TCHAR[c];
    }

    /**
     * Whether {@code s} is a non-empty token.
     *
     * @param s a field name, method or other word to check; not null
     * @return true if it has at least one character and only token characters
     */
    public static boolean isToken(String s) {
        return isToken(s, 0, s.length());
    }

    static boolean isToken(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code c} is a control character that no part of a head may carry outside the CR LF
     * line ends: the C0 controls except HTAB, and DEL. (Octets 0x80-0xff are obs-text, which field
     * values and reason phrases tolerate.)
     *
     * @param c the character, or a byte as 0-255
     * @return true for 0x00-0x08, 0x0a-0x1f and 0x7f
     */
    public static boolean isControl(int c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    /**
     * The index of the first control character of {@code s} from {@code from}, or -1.
     *
     * @param s a field value, or a whole head line, to check; not null
     * @param from the index to start at
     * @return the index, or -1 if there is none
     */
    public static int indexOfControl(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code c} is optional whitespace (OWS), which surrounds a field value. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
