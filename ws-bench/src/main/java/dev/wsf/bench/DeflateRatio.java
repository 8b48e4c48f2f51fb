package dev.wsf.bench;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.deflate.DeflateSettings;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Compression ratio of permessage-deflate on a stream of chat-like JSON messages, as one server
 * session sends them, with context takeover (the default) and in lean mode. Deterministic: the
 * same messages give the same bytes on every run, so it is a plain main, not a JMH benchmark
 * (for speed, see {@link DeflateBenchmark}).
 *
 * <pre>java -cp ws-bench/target/benchmarks.jar dev.wsf.bench.DeflateRatio [messages]</pre>
 */
public final class DeflateRatio {
    private DeflateRatio() {
    }

    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.println("| messages | mode | bytes in | bytes out | out/in |");
        System.out.println("|---|---|---:|---:|---:|");
        run(messages, 1);
        run(messages / 100, 100); // batches: 100 chat messages in one JSON array, some 14 KB each
    }

    private static byte[] message(int i, int batch) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < batch; k++) {
            sb.append(k == 0 ? "" : ",").append(Payloads.chatJson(i * batch + k));
        }
        return (batch == 1 ? sb.substring(1) : sb.append(']').toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static void run(int messages, int batch) {
        String label = messages + (batch == 1 ? " chat messages" : " batches of " + batch);
        for (String mode : new String[] {"default", "lean"}) {
            DeflateSettings base = mode.equals("lean") ? DeflateSettings.lean() : DeflateSettings.defaults();
            DeflateSettings settings = base.toBuilder().compressionThreshold(0).build();
            PerMessageDeflateFactory factory = new PerMessageDeflateFactory(settings);
            long in = 0;
            long[] out = {0};
            try (Extension server = factory.acceptOffer(ExtensionConfig.parse("permessage-deflate").get(0),
                    new ExtensionContext(1 << 20)).orElseThrow()) {
                for (int i = 0; i < messages; i++) {
                    byte[] m = message(i, batch);
                    in += m.length;
                    server.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, ByteBuffer.wrap(m)),
                            f -> out[0] += f.payload().remaining());
                }
            }
            System.out.printf("| %s | %s | %,d | %,d | %.3f |%n", label, mode, in, out[0], (double) out[0] / in);
        }
    }
}
