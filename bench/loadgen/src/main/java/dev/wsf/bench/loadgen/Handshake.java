package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client opening handshake (RFC 6455 section 4.1): the request bytes, and the check of the
 * server's answer, including the {@code Sec-WebSocket-Accept} value. No extension or subprotocol
 * is offered, and a response that negotiates one is rejected.
 */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 8192;

    private final ByteBuffer request;
    private final String expectedAccept;

    private Handshake(String key, String host, int port, String path, boolean tls) {
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Origin: " + (tls ? "https" : "http") + "://" + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        this.request = ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII));
        this.expectedAccept = accept(key);
    }

    static Handshake create(Options o) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return new Handshake(Base64.getEncoder().encodeToString(nonce), o.host(), o.port(), o.path(),
                o.tlsStore() != null);
    }

    /** The request, positioned for writing to the channel (write until it has no remaining). */
    ByteBuffer request() {
        return request;
    }

    /**
     * Checks the response head gathered so far in {@code in} (flipped for reading, position 0).
     *
     * @return the length of the complete response head, or -1 if more bytes are needed
     * @throws IOException if the server refused the upgrade or answered it wrongly
     */
    int check(ByteBuffer in) throws IOException {
        int end = headEnd(in);
        if (end < 0) {
            if (in.remaining() >= MAX_HEAD) {
                throw new IOException("handshake response head exceeds " + MAX_HEAD + " bytes");
            }
            return -1;
        }
        byte[] raw = new byte[end];
        in.get(in.position(), raw);
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + lines[0]);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        require("websocket".equalsIgnoreCase(headers.get("upgrade")), "Upgrade is not websocket");
        require(headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade"),
                "Connection does not contain upgrade");
        require(expectedAccept.equals(headers.get("sec-websocket-accept")),
                "wrong Sec-WebSocket-Accept: " + headers.get("sec-websocket-accept"));
        require(headers.getOrDefault("sec-websocket-extensions", "").isEmpty(),
                "server negotiated an extension nobody offered: " + headers.get("sec-websocket-extensions"));
        return end;
    }

    private static void require(boolean ok, String problem) throws IOException {
        if (!ok) {
            throw new IOException("bad handshake response: " + problem);
        }
    }

    /** Index just past the CRLFCRLF that ends the head, or -1. */
    private static int headEnd(ByteBuffer in) {
        int base = in.position();
        for (int i = base + 3; i < in.limit(); i++) {
            if (in.get(i) == '\n' && in.get(i - 1) == '\r' && in.get(i - 2) == '\n' && in.get(i - 3) == '\r') {
                return i + 1 - base;
            }
        }
        return -1;
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
