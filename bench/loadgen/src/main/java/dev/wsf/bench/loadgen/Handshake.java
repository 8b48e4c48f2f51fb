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
 * server's answer, including the {@code Sec-WebSocket-Accept} value. No subprotocol is offered;
 * no extension either, except permessage-deflate for the fan-out subscribers that ask for it
 * ({@link #withDeflate}). A response naming an extension that was not offered is rejected.
 */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 8192;

    /** What the fan-out subscribers offer: the bare permessage-deflate, no parameters. */
    static final String DEFLATE_OFFER = "permessage-deflate";

    private final ByteBuffer request;
    private final String expectedAccept;
    private final String offer;
    private String negotiated = "";

    private Handshake(String key, String host, int port, String path, boolean tls, String offer) {
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Origin: " + (tls ? "https" : "http") + "://" + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (offer != null ? "Sec-WebSocket-Extensions: " + offer + "\r\n" : "")
                + "\r\n";
        this.request = ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII));
        this.expectedAccept = accept(key);
        this.offer = offer;
    }

    static Handshake create(Options o) {
        return new Handshake(newKey(), o.host(), o.port(), o.path(), o.tlsStore() != null, null);
    }

    /** A plain upgrade to {@code path}, offering permessage-deflate if {@code deflate}. */
    static Handshake withDeflate(String host, int port, String path, boolean deflate) {
        return new Handshake(newKey(), host, port, path, false, deflate ? DEFLATE_OFFER : null);
    }

    private static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The server's {@code Sec-WebSocket-Extensions} value once {@link #check} accepted it; empty if none. */
    String negotiated() {
        return negotiated;
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
        negotiated = headers.getOrDefault("sec-websocket-extensions", "");
        require(negotiated.isEmpty() || offer != null && negotiated.toLowerCase(Locale.ROOT).startsWith(offer)
                && !negotiated.contains(","), "server negotiated an extension nobody offered: " + negotiated);
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
