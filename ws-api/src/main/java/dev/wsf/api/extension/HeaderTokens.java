package dev.wsf.api.extension;

/** The HTTP token character class (RFC 9110 section 5.6.2), shared by the header parsers. */
final class HeaderTokens {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private HeaderTokens() {
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TCHAR[c];
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String requireToken(String s, String what) {
        if (s == null || !isToken(s)) {
            throw new IllegalArgumentException(what + " is not an HTTP token: " + s);
        }
        return s;
    }
}
