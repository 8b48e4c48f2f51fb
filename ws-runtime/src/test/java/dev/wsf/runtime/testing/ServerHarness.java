package dev.wsf.runtime.testing;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.runtime.server.ServerContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One server connection driven byte by byte, without sockets: feed it what a client sends, read
 * back the HTTP response and the frames the server wrote. Worker callbacks run inline.
 */
public final class ServerHarness {
    public final FakeTransport transport = new FakeTransport();
    public final ServerContext context;
    private byte[] pending = new byte[0];

    public ServerHarness(ServerConfig config, HttpHandler http, EndpointDefinition... endpoints) {
        this(new ServerContext(config, List.of(endpoints), http, Runnable::run));
    }

    /** Another connection to the server of {@code context}, e.g. a second subscriber. */
    public ServerHarness(ServerContext context) {
        this.context = context;
        transport.setProtocol(context.newConnection(transport));
    }

    public ServerHarness(EndpointDefinition... endpoints) {
        this(ServerConfig.builder().host("127.0.0.1").port(0).build(), null, endpoints);
    }

    /** Delivers bytes to the connection as one read. */
    public ServerHarness send(byte[] bytes) {
        transport.protocol.onRead(ByteBuffer.wrap(bytes.clone()));
        transport.runTasks();
        return this;
    }

    /** Delivers bytes one read per byte. */
    public ServerHarness sendByteByByte(byte[] bytes) {
        for (byte b : bytes) {
            send(new byte[] {b});
        }
        return this;
    }

    public ServerHarness tick(long nanosFromNow) {
        transport.protocol.onTick(System.nanoTime() + nanosFromNow);
        transport.runTasks();
        return this;
    }

    public ServerHarness eof() {
        transport.protocol.onEof();
        transport.runTasks();
        return this;
    }

    /** The HTTP response head written so far (up to its blank line); the rest is kept for frames. */
    public String responseHead() {
        byte[] out = concat(pending, transport.take());
        String text = new String(out, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete response head in: " + text);
        }
        pending = Arrays.copyOfRange(out, end + 4, out.length);
        return text.substring(0, end + 2);
    }

    /** The status code of the response. */
    public int status() {
        String head = responseHead();
        return Integer.parseInt(head.substring(9, 12));
    }

    /** Frames written since the last call, as {@link FrameRecorder} renders them. */
    public List<String> frames() {
        byte[] out = concat(pending, transport.take());
        pending = new byte[0];
        return FrameRecorder.parse(out);
    }

    /** Whatever was written after the response head, as text (e.g. an error body). */
    public String rest() {
        byte[] out = concat(pending, transport.take());
        pending = new byte[0];
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
