package dev.wsf.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsf.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The scenarios of interop/README.md played by the JDK's own {@code java.net.http.WebSocket}
 * client (through the testkit's {@link JdkClient}), a fourth client we did not write. Same
 * messages and expectations as the Python and Node clients; each step is an assertion.
 *
 * <p>What it cannot express: {@code deflate}. The JDK client negotiates no extension, and
 * {@code Sec-WebSocket-Extensions} is a header it refuses to let an application set (an
 * IllegalArgumentException when the handshake is built), which {@link #deflate} checks instead.
 */
final class JdkClientScenarios {
    private static final int LARGE = 4 * 1024 * 1024;
    private static final int[] BOUNDARIES = {125, 126, 127, 65535, 65536};

    private final String base;
    private final SSLContext tls;

    /** {@code base} is {@code ws://HOST:PORT} or {@code wss://HOST:PORT}; {@code tls} trusts the server's CA. */
    JdkClientScenarios(String base, SSLContext tls) {
        this.base = base;
        this.tls = tls;
    }

    void run(String scenario) throws Exception {
        switch (scenario) {
            case "text" -> text();
            case "binary" -> binary();
            case "large" -> large();
            case "fragmented" -> fragmented();
            case "ping" -> ping();
            case "subprotocol" -> subprotocol();
            case "deflate" -> deflate();
            case "close-client" -> closeClient();
            case "close-server" -> closeServer();
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        }
    }

    private JdkClient connect(String path, String... subprotocols) {
        return JdkClient.connect(URI.create(base + path), tls, subprotocols);
    }

    private void text() throws Exception {
        List<String> messages = new ArrayList<>(List.of("hello", "", "h\u00e9llo w\u00f6rld",
                "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
                "emoji \ud83d\ude00\ud83c\udf89 and ZWJ \ud83d\udc69\u200d\ud83d\udcbb",
                "\u0000 nul and \uffff"));
        for (int n : BOUNDARIES) {
            messages.add("\u00e9".repeat(n / 2) + "x".repeat(n % 2));
        }
        try (JdkClient c = connect("/echo")) {
            for (String m : messages) {
                c.send(m);
                assertEquals(m, c.nextText(), () -> "echo of a text of " + utf8(m).length + " bytes");
            }
            closeNormally(c);
        }
    }

    private void binary() throws Exception {
        byte[] all = new byte[256];
        byte[] reversed = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            reversed[255 - i] = (byte) i;
        }
        List<byte[]> messages = new ArrayList<>(List.of(new byte[0], all, reversed));
        Random random = new Random(11);
        for (int n : BOUNDARIES) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            messages.add(b);
        }
        try (JdkClient c = connect("/echo")) {
            for (byte[] m : messages) {
                c.socket.sendBinary(ByteBuffer.wrap(m), true).join();
                assertEquals(ByteBuffer.wrap(m), c.nextBinary(), "echo of " + m.length + " bytes");
            }
            closeNormally(c);
        }
    }

    private void large() throws Exception {
        String text = largeText();
        assertEquals("f66eb56fdaaaf7329d824b7c1a74e15af25d5230291d3d681c90e851828e04d3",
                sha256(utf8(text)), "the same 4 MiB text as every client");
        byte[] data = new byte[LARGE];
        new Random(12).nextBytes(data);
        try (JdkClient c = connect("/echo")) {
            c.send(text);
            assertEquals(sha256(utf8(text)), sha256(utf8(c.nextText())));
            c.socket.sendBinary(ByteBuffer.wrap(data), true).join();
            ByteBuffer got = c.nextBinary();
            byte[] back = new byte[got.remaining()];
            got.get(back);
            assertEquals(sha256(data), sha256(back));
            closeNormally(c);
        }
    }

    private void fragmented() throws Exception {
        try (JdkClient c = connect("/echo")) {
            List<String> parts = List.of("frag-1 ", "frag-2 \u00e9", "", " frag-3 \ud83d\ude00");
            for (int i = 0; i < parts.size(); i++) {
                c.socket.sendText(parts.get(i), i == parts.size() - 1).join();
            }
            assertEquals(String.join("", parts), c.nextText());
            byte[] big = new byte[70000];
            new Random(13).nextBytes(big);
            c.socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1}), false).join();
            c.socket.sendBinary(ByteBuffer.allocate(0), false).join();
            c.socket.sendBinary(ByteBuffer.wrap(big), true).join();
            ByteBuffer whole = ByteBuffer.allocate(2 + big.length).put(new byte[] {0, 1}).put(big).flip();
            assertEquals(whole, c.nextBinary());
            // A control frame between the fragments of a message (RFC 6455, 5.4).
            c.socket.sendText("before ping, ", false).join();
            c.socket.sendPing(ByteBuffer.wrap(utf8("between-fragments"))).join();
            c.socket.sendText("after ping", true).join();
            // The pong and the echo, in either order.
            Set<Object> got = Set.of(c.next(), c.next());
            JdkClient.Pong pong = new JdkClient.Pong(ByteBuffer.wrap(utf8("between-fragments")));
            assertEquals(Set.of(pong, "before ping, after ping"), got);
            closeNormally(c);
        }
    }

    private void ping() throws Exception {
        byte[] long125 = new byte[125];
        new Random(14).nextBytes(long125);
        try (JdkClient c = connect("/echo")) {
            for (byte[] payload : List.of(utf8("wsf-ping-1"), new byte[0], long125)) {
                c.socket.sendPing(ByteBuffer.wrap(payload)).join();
                assertEquals(new JdkClient.Pong(ByteBuffer.wrap(payload)), c.next(), "a pong for " + payload.length
                        + " bytes, same payload");
            }
            c.send("still open");
            assertEquals("still open", c.nextText());
            closeNormally(c);
        }
    }

    private void subprotocol() throws Exception {
        String[][] offers = {{"chat.v2", "chat.v1"}, {"chat.v1"}, {"unknown", "chat.v1"}, {"unknown"}};
        String[] expected = {"chat.v2", "chat.v1", "chat.v1", ""};
        for (int i = 0; i < offers.length; i++) {
            try (JdkClient c = connect("/echo", offers[i])) {
                // Like Python, the JDK accepts a 101 without a subprotocol: getSubprotocol() is then "".
                assertEquals(expected[i], c.socket.getSubprotocol(), "offered " + List.of(offers[i]));
                c.send("proto");
                assertEquals("proto", c.nextText());
                closeNormally(c);
            }
        }
    }

    private void deflate() {
        // The JDK refuses the header when the handshake is built, before anything is sent.
        WebSocket.Builder builder = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder()
                .header("Sec-WebSocket-Extensions", "permessage-deflate");
        Throwable t = assertThrows(Throwable.class,
                () -> builder.buildAsync(URI.create(base + "/echo"), new WebSocket.Listener() { }).join());
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        assertInstanceOf(IllegalArgumentException.class, cause,
                "the JDK client cannot offer permessage-deflate, so the deflate scenario is n/a for it");
    }

    private void closeClient() throws Exception {
        try (JdkClient c = connect("/echo")) {
            c.send("bye soon");
            assertEquals("bye soon", c.nextText());
            c.socket.sendClose(4000, "done").get(15, TimeUnit.SECONDS);
            assertEquals(4000, c.nextClose().code(), "the server's close frame echoes the code");
        }
    }

    private void closeServer() throws Exception {
        try (JdkClient c = connect("/close/4001")) {
            assertEquals(new JdkClient.Closed(4001, "bye"), c.nextClose(), "a close, and no message before it");
        }
    }

    /** Sends 1000 and waits for the server's close, as the other clients' closeNormally does. */
    private static void closeNormally(JdkClient c) throws Exception {
        c.socket.sendClose(1000, "").get(15, TimeUnit.SECONDS);
        assertEquals(1000, c.nextClose().code());
    }

    /** The large text every client sends: exactly 4 MiB of lines with 1- to 4-byte characters. */
    static String largeText() {
        StringBuilder sb = new StringBuilder(LARGE);
        int size = 0;
        for (int i = 0; ; i++) {
            String line = String.format("%08d h\u00e9llo w\u00f6rld \u2192 \u2713 \ud83d\ude00\n", i);
            int n = utf8(line).length;
            if (size + n > LARGE) {
                return sb.append(".".repeat(LARGE - size)).toString();
            }
            sb.append(line);
            size += n;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
