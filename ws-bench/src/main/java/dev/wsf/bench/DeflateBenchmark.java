package dev.wsf.bench;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * permessage-deflate through the extension SPI, as a session runs it: compressing an outgoing
 * JSON message and inflating an incoming one, with context takeover (the default) and without.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeflateBenchmark {
    @Param({"200", "16384"})
    int size;

    @Param({"takeover", "no_context_takeover"}) // no_context_takeover is DeflateSettings.lean()
    String context;

    private static final int MESSAGES = 64;

    private Extension server;
    private Extension client;
    private final ByteBuffer[] messages = new ByteBuffer[MESSAGES];
    private final ByteBuffer[] compressed = new ByteBuffer[MESSAGES];
    private int next;
    private long sink;

    @Setup(Level.Trial)
    public void setUp() {
        PerMessageDeflateFactory factory = new PerMessageDeflateFactory();
        String offer = context.equals("takeover") ? "permessage-deflate"
                : "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
        server = factory.acceptOffer(ExtensionConfig.parse(offer).get(0), new ExtensionContext(1 << 24)).orElseThrow();
        client = factory.acceptResponse(server.config(), new ExtensionContext(1 << 24));
        // Distinct messages, compressed by a client in order: inflating them in the same cyclic
        // order keeps every back-reference valid, since message 0 came from an empty window.
        for (int m = 0; m < MESSAGES; m++) {
            StringBuilder sb = new StringBuilder();
            for (int i = m * 1000; sb.length() < size; i++) {
                sb.append(Payloads.chatJson(i));
            }
            messages[m] = ByteBuffer.wrap(sb.substring(0, size).getBytes(StandardCharsets.UTF_8));
            int index = m;
            client.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, messages[m].duplicate()),
                    f -> compressed[index] = f.payload());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        client.close();
    }

    @Benchmark
    public long compress() {
        ByteBuffer m = messages[next++ & (MESSAGES - 1)];
        server.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, m.duplicate()), f -> sink += f.payload().remaining());
        return sink;
    }

    @Benchmark
    public long inflate() {
        int i = next++ & (MESSAGES - 1);
        server.onInboundFrame(new Frame(Opcode.TEXT, true, Frame.RSV1, compressed[i].duplicate()),
                f -> sink += f.payload().remaining());
        return sink;
    }
}
