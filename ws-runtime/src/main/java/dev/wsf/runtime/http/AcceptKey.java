package dev.wsf.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The Sec-WebSocket-Key / Sec-WebSocket-Accept computation of RFC 6455 section 4.2.2. */
public final class AcceptKey {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private AcceptKey() {
    }

    /**
     * The accept value for a client's key: base64(SHA-1(key + GUID)).
     *
     * @param key the {@code Sec-WebSocket-Key} value, as sent
     * @return the {@code Sec-WebSocket-Accept} value, 28 base64 characters
     */
    public static String of(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }

    /**
     * Whether a key is the base64 encoding of exactly 16 bytes, as section 4.1 requires.
     *
     * @param key the {@code Sec-WebSocket-Key} value, or null
     * @return false for null, or anything but 24 base64 characters that decode to 16 bytes
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
