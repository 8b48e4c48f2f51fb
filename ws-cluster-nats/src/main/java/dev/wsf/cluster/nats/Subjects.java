package dev.wsf.cluster.nats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Topic names as NATS subjects. A subject is tokens separated by {@code .}, where a token is
 * non-empty, has no whitespace, and {@code *} and {@code >} are wildcards; a topic name may hold
 * any of these. So a topic is one token: its UTF-8 bytes, each byte outside {@code A-Z a-z 0-9 - _}
 * written as {@code %} and two upper-case hex digits, as in a URL. {@code chat} stays
 * {@code chat}, {@code room/1} becomes {@code room%2F1}, {@code a.b} becomes {@code a%2Eb},
 * {@code café} becomes {@code caf%C3%A9}. Different names give different tokens, and every
 * token is valid and free of wildcards.
 */
final class Subjects {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Subjects() {
    }

    /** The token of a topic. */
    static String encode(String topic) {
        byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            if (kept(b)) {
                sb.append((char) b);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * The topic of a token.
     *
     * @throws IllegalArgumentException if the token is not one {@link #encode} writes
     */
    static String decode(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '%' && i + 2 < token.length() && hex(token.charAt(i + 1)) >= 0 && hex(token.charAt(i + 2)) >= 0) {
                int b = hex(token.charAt(i + 1)) << 4 | hex(token.charAt(i + 2));
                if (kept((byte) b)) {
                    throw new IllegalArgumentException("not an encoded topic: " + token);
                }
                out.write(b);
                i += 2;
            } else if (c < 0x80 && kept((byte) c)) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("not an encoded topic: " + token);
            }
        }
        byte[] bytes = out.toByteArray();
        String topic = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(bytes, topic.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("not an encoded topic (not UTF-8): " + token);
        }
        return topic;
    }

    /**
     * Checks a subject prefix: empty, or tokens that each end with {@code .}, none empty, none a
     * wildcard, no whitespace.
     */
    static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("a subject prefix ends with '.', as in wsf.topic.: " + prefix);
        }
        for (String token : prefix.substring(0, prefix.length() - 1).split("\\.", -1)) {
            if (token.isEmpty() || token.equals("*") || token.equals(">") || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not a subject prefix (empty token, wildcard or whitespace): " + prefix);
            }
        }
        return prefix;
    }

    private static boolean kept(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
