package dev.wsf.runtime.extension.deflate;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A hand-run timing harness, not a test: compression ratio and throughput of permessage-deflate
 * on a stream of chat-like JSON messages, server to client, through the real extension objects.
 * Throughput is uncompressed bytes per second. Run it on a quiet machine:
 * <pre>
 * mvn -q -B -pl ws-runtime -am test-compile
 * java -cp ws-api/target/classes:ws-runtime/target/classes:ws-runtime/target/test-classes \
 *     dev.wsf.runtime.extension.deflate.DeflateBenchmark [messages] [rounds]
 * </pre>
 */
public final class DeflateBenchmark {
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"};
    private static final String[] ROOMS = {"general", "random", "dev", "ops", "design", "support"};
    private static final String[] WORDS = {"the", "deploy", "is", "done", "can", "you", "check", "logs", "for",
        "build", "failed", "again", "thanks", "looks", "good", "to", "me", "merge", "it", "please", "review",
        "my", "PR", "when", "free", "lunch", "meeting", "at", "noon", "ok", "sure", "on", "it", "now", ":)",
        "websocket", "latency", "spike", "in", "eu-west", "rollback", "cache", "invalidated", "ticket"};

    private DeflateBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<byte[]> messages = chatMessages(count, 42);
        long raw = messages.stream().mapToLong(m -> m.length).sum();
        System.out.printf("%d messages, %d bytes, %.1f bytes on average; best of %d rounds%n%n",
                count, raw, raw / (double) count, rounds);
        System.out.printf("%-44s %8s %12s %12s%n", "settings", "ratio", "compress", "decompress");

        DeflateSettings all = DeflateSettings.builder().compressionThreshold(0).build();
        DeflateSettings noTakeover =
                all.toBuilder().serverNoContextTakeover(true).clientNoContextTakeover(true).build();
        run("context takeover, level 6 (default)", all, messages, rounds);
        run("context takeover, level 1", all.toBuilder().compressionLevel(1).build(), messages, rounds);
        run("no context takeover, level 6", noTakeover, messages, rounds);
        run("no context takeover, level 1", noTakeover.toBuilder().compressionLevel(1).build(), messages, rounds);
        run("context takeover, server_max_window_bits=10", all.toBuilder().serverMaxWindowBits(10).build(),
                messages, rounds);
        run("default settings (threshold " + DeflateSettings.DEFAULT_COMPRESSION_THRESHOLD + ")",
                DeflateSettings.defaults(), messages, rounds);
        baseline(messages, rounds);

        System.out.printf("%nsmall messages: compressed size / original, per size (2,000 messages each)%n");
        System.out.printf("%-8s %18s %20s%n", "bytes", "context takeover", "no context takeover");
        for (int size : new int[] {16, 32, 48, 64, 96, 128, 256}) {
            List<byte[]> small = chatMessages(2_000, size).stream()
                    .map(m -> Arrays.copyOf(m, Math.min(size, m.length))).toList();
            System.out.printf("%-8d %18.3f %20.3f%n", size,
                    measure(all, small).ratio(), measure(noTakeover, small).ratio());
        }
    }

    private static void run(String name, DeflateSettings settings, List<byte[]> messages, int rounds) {
        Result best = null;
        for (int i = 0; i < rounds; i++) {
            Result r = measure(settings, messages);
            best = best == null ? r : best.fastest(r);
        }
        System.out.printf("%-44s %8.3f %9.1f MB/s %7.1f MB/s%n", name, best.ratio(),
                best.raw / 1e6 / (best.compressNanos / 1e9), best.raw / 1e6 / (best.decompressNanos / 1e9));
    }

    /**
     * The floor: bare java.util.zip doing the same work (one sync flush per message, context kept,
     * level 6, tail appended before inflating) with no extension, frames or output copies around it.
     */
    private static void baseline(List<byte[]> messages, int rounds) {
        long raw = messages.stream().mapToLong(m -> m.length).sum();
        long bestCompress = Long.MAX_VALUE;
        long bestDecompress = Long.MAX_VALUE;
        long compressed = 0;
        byte[] tail = {0, 0, (byte) 0xff, (byte) 0xff};
        for (int round = 0; round < rounds; round++) {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            byte[][] wire = new byte[messages.size()][];
            byte[] out = new byte[64 * 1024];
            long start = System.nanoTime();
            for (int i = 0; i < wire.length; i++) {
                deflater.setInput(messages.get(i));
                int n = deflater.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
                wire[i] = Arrays.copyOf(out, n);
            }
            bestCompress = Math.min(bestCompress, System.nanoTime() - start);
            compressed = Arrays.stream(wire).mapToLong(w -> w.length - 4).sum();
            start = System.nanoTime();
            try {
                for (byte[] w : wire) {
                    inflater.setInput(w, 0, w.length - 4);
                    inflater.inflate(out);
                    inflater.setInput(tail);
                    inflater.inflate(out);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new AssertionError(e);
            }
            bestDecompress = Math.min(bestDecompress, System.nanoTime() - start);
            deflater.end();
            inflater.end();
        }
        System.out.printf("%-44s %8.3f %9.1f MB/s %7.1f MB/s%n", "baseline: bare java.util.zip, level 6",
                compressed / (double) raw, raw / 1e6 / (bestCompress / 1e9), raw / 1e6 / (bestDecompress / 1e9));
    }

    /** One fresh connection: every message compressed by the server, then inflated by the client. */
    private static Result measure(DeflateSettings settings, List<byte[]> messages) {
        try (Peers p = Peers.negotiate(settings, settings, 1 << 20)) {
            List<Frame> wire = new ArrayList<>(messages.size());
            long start = System.nanoTime();
            for (byte[] m : messages) {
                p.server.onOutboundFrame(new Frame(Opcode.TEXT, true, 0, ByteBuffer.wrap(m)), wire::add);
            }
            long compress = System.nanoTime() - start;
            long compressed = wire.stream().mapToLong(f -> f.payload().remaining()).sum();
            long[] inflated = {0};
            start = System.nanoTime();
            for (Frame f : wire) {
                p.client.onInboundFrame(f, out -> inflated[0] += out.payload().remaining());
            }
            long decompress = System.nanoTime() - start;
            long raw = messages.stream().mapToLong(m -> m.length).sum();
            if (inflated[0] != raw) {
                throw new AssertionError("inflated " + inflated[0] + " of " + raw);
            }
            return new Result(raw, compressed, compress, decompress);
        }
    }

    private record Result(long raw, long compressed, long compressNanos, long decompressNanos) {
        double ratio() {
            return compressed / (double) raw;
        }

        Result fastest(Result o) {
            return new Result(raw, compressed, Math.min(compressNanos, o.compressNanos),
                    Math.min(decompressNanos, o.decompressNanos));
        }
    }

    /** Chat-like JSON of about 200 bytes: fixed keys, names, rooms, ids, timestamps and short text. */
    static List<byte[]> chatMessages(int count, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        long ts = 1_718_000_000_000L;
        for (int i = 0; i < count; i++) {
            ts += r.nextInt(5_000);
            StringBuilder text = new StringBuilder();
            int words = 4 + r.nextInt(12);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            String user = USERS[r.nextInt(USERS.length)];
            String json = "{\"type\":\"message\",\"id\":\"" + Long.toHexString(r.nextLong())
                    + "\",\"room\":\"" + ROOMS[r.nextInt(ROOMS.length)]
                    + "\",\"user\":{\"id\":" + (1000 + r.nextInt(500)) + ",\"name\":\"" + user + "\"}"
                    + ",\"text\":\"" + text + "\",\"ts\":" + ts + ",\"edited\":" + (r.nextInt(10) == 0) + "}";
            out.add(json.getBytes(UTF_8));
        }
        return out;
    }
}
