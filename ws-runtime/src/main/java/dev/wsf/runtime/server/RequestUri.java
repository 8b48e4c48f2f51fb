package dev.wsf.runtime.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code ws://} (or {@code wss://}) URI of a request a server received. The request parser accepts any visible
 * ASCII in a target, as most servers do, but java.net.URI refuses some of it ({@code | { } ^ " `
 * < > \ [ ]}, a {@code %} without two hex digits): those are percent-encoded here, and escapes
 * already there are kept as sent, so building the URI cannot fail. The authority is the Host
 * header if it is a valid host and port; otherwise (missing, empty, or something like
 * {@code evil/x} that would shift into the path) {@code localhost}.
 */
final class RequestUri {
    private static final boolean[] PATH = new boolean[128];
    private static final boolean[] QUERY = new boolean[128];
    private static final boolean[] AUTHORITY = new boolean[128];

    static {
        // RFC 3986 section 3.3: pchar = unreserved / pct-encoded / sub-delims / ":" / "@"
        String pchar = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";
        allow(PATH, pchar + "/");
        allow(QUERY, pchar + "/?");
        // section 3.2.2: reg-name, IP-literal and port; no '/', '?', '#' or '@' that would end or split it
        allow(AUTHORITY, pchar.replace("@", "") + "[]%");
    }

    private RequestUri() {
    }

    private static void allow(boolean[] table, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            table[chars.charAt(i)] = true;
        }
    }

    /**
     * @param scheme   {@code ws} or {@code wss}
     * @param host     the Host header value, or null
     * @param rawPath  the target's path as sent
     * @param rawQuery the target's query as sent, or null
     */
    static URI of(String scheme, String host, String rawPath, String rawQuery) {
        String rest = encode(rawPath, PATH) + (rawQuery == null ? "" : "?" + encode(rawQuery, QUERY));
        if (host != null && !host.isEmpty() && host.chars().allMatch(c -> c < 128 && AUTHORITY[c])) {
            try {
                // server-based, so getHost() and getPort() work for the application
                return new URI(scheme + "://" + host + rest).parseServerAuthority();
            } catch (URISyntaxException e) {
                // e.g. a port that is not a number: fall back
            }
        }
        return URI.create(scheme + "://localhost" + rest);
    }

    /** Percent-encodes each char the table does not allow, except a {@code %} that starts an escape. */
    private static String encode(String raw, boolean[] allowed) {
        StringBuilder sb = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean keep = (c < 128 && allowed[c]) || (c == '%' && isEscape(raw, i));
            if (keep && sb == null) {
                continue; // the common case: nothing to encode, no copy
            }
            if (sb == null) {
                sb = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (keep) {
                sb.append(c);
            } else {
                // a request head is read as ISO-8859-1, so each char is one byte of the request
                for (byte b : String.valueOf(c).getBytes(c <= 0xff ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return sb == null ? raw : sb.toString();
    }

    private static boolean isEscape(String s, int percent) {
        return percent + 2 < s.length() && isHexDigit(s.charAt(percent + 1)) && isHexDigit(s.charAt(percent + 2));
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
