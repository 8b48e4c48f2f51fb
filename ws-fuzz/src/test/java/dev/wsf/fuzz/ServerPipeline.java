package dev.wsf.fuzz;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.server.ServerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The whole server side of a connection, HTTP upgrade to echo endpoint, driven with a fuzz input
 * laid out as a {@link ReadPlan}, whose stream holds client frames with their payloads in clear
 * ({@link ClientMasking} masks them on the way in). Its flags:
 * <ul>
 *   <li>{@link #WITH_REQUEST}: the first read carries the upgrade request and the first frames
 *   together, as a client that does not wait for the 101 sends them;</li>
 *   <li>{@link #PARTIAL}: the endpoint takes messages part by part ({@link Delivery#PARTIAL});</li>
 *   <li>{@link #EOF}: the peer ends the stream after the last read;</li>
 *   <li>{@link #LATE_TICK}: then an hour passes, so every deadline expires.</li>
 * </ul>
 * {@link #run} checks the properties that must hold whatever the input, and fails with an
 * {@link AssertionError} naming the one that did not.
 */
final class ServerPipeline {
    static final int WITH_REQUEST = 1;
    static final int PARTIAL = 2;
    static final int EOF = 4;
    static final int LATE_TICK = 8;

    static final long MAX_MESSAGE_SIZE = 4L * 1024 * 1024;

    private final boolean deflate;
    private final CountingDeflateFactory deflateFactory = new CountingDeflateFactory();
    private final ServerContext wholeMessages;
    private final ServerContext partialMessages;
    private EchoRecorder created; // the handler of the connection being run

    /** What one run produced, for tests that look further than the properties. */
    record Outcome(String responseHead, List<WireFrames.Frame> frames, WireMessages messages, EchoRecorder endpoint,
                   long allocated, long budget) {
    }

    /** @param deflate whether the client offers permessage-deflate (the server always supports it) */
    ServerPipeline(boolean deflate) {
        this.deflate = deflate;
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1").port(0)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .discoverExtensions(false)
                .extensions(deflateFactory)
                .build();
        this.wholeMessages = new ServerContext(config, List.of(echo(Delivery.WHOLE)), null, Runnable::run);
        this.partialMessages = new ServerContext(config, List.of(echo(Delivery.PARTIAL)), null, Runnable::run);
    }

    private EndpointDefinition echo(Delivery delivery) {
        return EndpointDefinition.builder("/echo", request -> created = new EchoRecorder(MAX_MESSAGE_SIZE))
                .dispatch(Dispatch.IO_THREAD)
                .textDelivery(delivery)
                .binaryDelivery(delivery)
                .build();
    }

    byte[] upgradeRequest() {
        return ("GET /echo HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8080\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs one input and checks every property; see {@link AllocationBudget} for the memory one. */
    Outcome run(byte[] input) {
        ReadPlan plan = ReadPlan.parse(input);
        Execution e = execute(plan);
        Outcome outcome = check(e);
        if (AllocationBudget.ENFORCED && e.allocated() > e.budget()) {
            // The first run of a code path loads and initialises classes on this thread; only a
            // second, warm run of the same input measures what the runtime itself allocates.
            Execution warm = execute(plan);
            if (warm.allocated() > warm.budget()) {
                throw new AssertionError("allocated " + warm.allocated() + " bytes for a connection whose budget is "
                        + warm.budget() + " (from the bytes received and inflated): a buffer sized from a length "
                        + "a frame header announced?");
            }
        }
        return outcome;
    }

    private record Execution(byte[] written, EchoRecorder endpoint, long allocated, long budget) {
    }

    private Execution execute(ReadPlan plan) {
        MemoryTransport transport = new MemoryTransport();
        deflateFactory.reset();
        created = null;
        ServerContext context = plan.flag(PARTIAL) ? partialMessages : wholeMessages;
        AllocationMeter meter = new AllocationMeter();
        transport.setProtocol(context.newConnection(transport));

        byte[] request = upgradeRequest();
        byte[] stream = ClientMasking.apply(plan.stream());
        int offset = 0;
        int reads = 0;
        if (plan.flag(WITH_REQUEST)) {
            int first = plan.readSize(reads++, 0);
            byte[] joined = java.util.Arrays.copyOf(request, request.length + first);
            System.arraycopy(stream, 0, joined, request.length, first);
            transport.read(joined, 0, joined.length);
            offset = first;
        } else {
            transport.read(request, 0, request.length);
        }
        while (offset < stream.length && transport.readable()) {
            int n = plan.readSize(reads++, offset);
            transport.read(stream, offset, n);
            offset += n;
        }
        if (plan.flag(EOF)) {
            transport.eof();
        }
        if (plan.flag(LATE_TICK)) {
            transport.tick(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        }
        long allocated = meter.allocated();
        long budget = AllocationBudget.of(stream.length + request.length, deflateFactory.inflatedBytes());
        return new Execution(transport.written(), created, allocated, budget);
    }

    private Outcome check(Execution e) {
        byte[] out = e.written();
        EchoRecorder endpoint = e.endpoint();
        String text = new String(out, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        WireFrames.check(end > 0, "no complete response head for a valid upgrade request: " + text);
        String head = text.substring(0, end + 2);
        WireFrames.check(head.startsWith("HTTP/1.1 101 "), "a valid upgrade request was refused: " + head);
        String extensions = header(head, "sec-websocket-extensions");
        boolean negotiated = extensions != null && extensions.startsWith("permessage-deflate");
        WireFrames.check(negotiated == deflate, "permessage-deflate offered: " + deflate + ", response: " + head);
        WireFrames.check(endpoint != null, "the upgrade succeeded but no endpoint handler was created");

        List<WireFrames.Frame> frames = WireFrames.decode(out, end + 4, negotiated);
        WireMessages messages = WireMessages.of(frames,
                negotiated && extensions.contains("server_no_context_takeover"));
        if (!endpoint.violations.isEmpty()) {
            throw new AssertionError(String.join("\n", endpoint.violations));
        }
        checkSame("echoed messages", endpoint.echoed, messages.messages);
        checkSame("pongs", endpoint.pings, messages.pongs);
        return new Outcome(head, frames, messages, endpoint, e.allocated(), e.budget());
    }

    private static void checkSame(String what, List<?> sent, List<?> received) {
        WireFrames.check(sent.size() == received.size(), what + ": the endpoint sent " + sent.size()
                + ", the wire has " + received.size());
        for (int i = 0; i < sent.size(); i++) {
            WireFrames.check(same(sent.get(i), received.get(i)), what + " #" + i + " differs on the wire");
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        EchoRecorder.Echo x = (EchoRecorder.Echo) a;
        EchoRecorder.Echo y = (EchoRecorder.Echo) b;
        return x.text() == y.text() && java.util.Arrays.equals(x.payload(), y.payload());
    }

    private static String header(String head, String lowerCaseName) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
