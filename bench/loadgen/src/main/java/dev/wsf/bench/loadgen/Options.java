package dev.wsf.bench.loadgen;

import java.net.InetSocketAddress;

/**
 * Command line of the load client. Every option has a per-mode default chosen for the benchmark:
 *
 * <pre>
 * mode               connections  window  size     timing
 * throughput-text    64           16      32 B     --warmup 5 s, --duration 10 s
 * throughput-binary  16           4       16 KiB   --warmup 5 s, --duration 10 s
 * latency            1            1       32 B     --warmup-count 20000, --count 100000, --spin true
 * idle               10000        -       -        --pending 256 handshakes at once, --hold 600 s max
 * </pre>
 *
 * <p>Any mode can run over TLS ({@code --tls STORE.p12}) or as raw TCP ({@code --raw true}: no
 * HTTP upgrade and no frames, messages of the same payload size echoed by a plain TCP server).
 */
record Options(
        Mode mode,
        String host,
        int port,
        String path,
        int connections,
        int window,
        int size,
        double warmupSeconds,
        double durationSeconds,
        int warmupCount,
        int count,
        int pending,
        double holdSeconds,
        long serverPid,
        boolean spin,
        boolean raw,
        String tlsStore,
        String tlsPassword,
        String tlsCipher) {

    static final String USAGE = """
            usage: java -jar loadgen.jar MODE --port N [options]
              MODE: throughput-text | throughput-binary | latency | idle   (fanout modes: below)
              --host H (127.0.0.1)  --path P (/echo)
              --connections C  --window W (messages in flight per connection)  --size BYTES
              --warmup S  --duration S            (throughput modes, seconds)
              --warmup-count N  --count N         (latency: round trips)
              --spin true|false                   (latency: busy-poll the socket instead of blocking)
              --pending N  --hold S               (idle: concurrent handshakes; max hold time)
              --server-pid PID                    (also report the server's CPU use)
              --raw true                          (raw TCP: no upgrade, no framing; each message is
                                                   --size payload bytes, echoed as a byte stream)
              --tls STORE.p12  --tls-password PW  (connect over TLS 1.3, trusting the certificates
                                                   in STORE)
              --tls-cipher SUITE                  (the one suite offered; TLS_AES_128_GCM_SHA256)
            idle prints "HELD <n>" once every connection is open, then holds them until a line
            or end-of-file on stdin (or --hold seconds), and closes them.""";

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Text for the text and latency modes, binary for the 16 KiB mode. */
    int opcode() {
        return mode == Mode.THROUGHPUT_BINARY ? Frames.OP_BINARY : Frames.OP_TEXT;
    }

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing MODE");
        }
        Mode mode = Mode.fromCli(args[0]);
        String host = "127.0.0.1";
        int port = -1;
        String path = "/echo";
        int connections = switch (mode) {
            case THROUGHPUT_TEXT -> 64;
            case THROUGHPUT_BINARY -> 16;
            case LATENCY -> 1;
            case IDLE -> 10_000;
        };
        int window = switch (mode) {
            case THROUGHPUT_TEXT -> 16;
            case THROUGHPUT_BINARY -> 4;
            case LATENCY, IDLE -> 1;
        };
        int size = mode == Mode.THROUGHPUT_BINARY ? 16 * 1024 : 32;
        double warmup = 5;
        double duration = 10;
        int warmupCount = 20_000;
        int count = 100_000;
        int pending = 256;
        double hold = 600;
        long serverPid = 0;
        boolean spin = true;
        boolean raw = false;
        String tlsStore = null;
        String tlsPassword = "";
        String tlsCipher = "TLS_AES_128_GCM_SHA256";

        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String v = args[++i];
            switch (name) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--path" -> path = v;
                case "--connections" -> connections = Integer.parseInt(v);
                case "--window" -> window = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--warmup-count" -> warmupCount = Integer.parseInt(v);
                case "--count" -> count = Integer.parseInt(v);
                case "--pending" -> pending = Integer.parseInt(v);
                case "--hold" -> hold = Double.parseDouble(v);
                case "--server-pid" -> serverPid = Long.parseLong(v);
                case "--spin" -> spin = Boolean.parseBoolean(v);
                case "--raw" -> raw = Boolean.parseBoolean(v);
                case "--tls" -> tlsStore = v;
                case "--tls-password" -> tlsPassword = v;
                case "--tls-cipher" -> tlsCipher = v;
                default -> throw new IllegalArgumentException("unknown option: " + name);
            }
        }
        if (port <= 0) {
            throw new IllegalArgumentException("--port is required");
        }
        if (connections < 1 || window < 1 || size < 0 || count < 1 || pending < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (raw && size < 1 && mode != Mode.IDLE) {
            throw new IllegalArgumentException("--raw needs a --size of at least 1 byte");
        }
        if (raw && tlsStore != null) {
            throw new IllegalArgumentException("--raw and --tls do not go together");
        }
        return new Options(mode, host, port, path, connections, window, size,
                warmup, duration, warmupCount, count, pending, hold, serverPid, spin,
                raw, tlsStore, tlsPassword, tlsCipher);
    }
}
