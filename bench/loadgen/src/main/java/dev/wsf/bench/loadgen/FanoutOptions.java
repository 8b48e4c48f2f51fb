package dev.wsf.bench.loadgen;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of the fan-out modes ({@code fanout}, {@code fanout-stall}). Defaults are the
 * benchmark's; {@code bench/fanout.sh} passes most of them explicitly.
 */
record FanoutOptions(
        boolean stall,
        String host,
        int port,
        String path,
        String controlPath,
        int subscribers,
        List<Integer> sizes,
        boolean deflate,
        int rounds,
        int burstDeliveries,
        int burst,
        int burstsInFlight,
        double warmupSeconds,
        double durationSeconds,
        double latencySeconds,
        int latencyMinSamples,
        double quietWait,
        int pending,
        int receiveBuffer,
        long serverPid,
        boolean serverGc,
        String label) {

    static final String USAGE = """
            usage: java -jar loadgen.jar fanout|fanout-stall --port N [options]
              --path P (/fanout)  --control-path P (/control)  --host H (127.0.0.1)
              --subscribers N (1000)          subscriber connections, opened --pending at a time (256)
              --sizes 64,1024                 message sizes in bytes (at least 64)
              --deflate true|false (false)    subscribers offer permessage-deflate
              --rounds R (1)                  each round runs every size: throughput, then latency
              --burst-deliveries D (64000)    a burst publishes max(1, D / N) messages ...
              --burst K                       ... unless given here
              --bursts-in-flight W (2)        throughput: bursts asked for before the oldest completes
              --warmup S (2)  --duration S (5)    throughput: unmeasured, then measured seconds
              --latency-duration S (5)  --latency-min N (100)
                                              latency: one message at a time, for S seconds and at
                                              least N messages (at most 3 S)
              --quiet-wait S (0)              before each test, wait up to S seconds for other
                                              processes to use under 5% of a core
              --server-pid PID                report the server's CPU and RSS
              --label TEXT                    copied into every RESULT line (no spaces)
            fanout-stall (memory): --subscribers N (10000) --sizes 1024 --receive-buffer BYTES (4096)
              opens N subscribers that never read, fills their sockets, prints FILLED, waits for a
              line on stdin, publishes one message, waits until the server holds it for every
              subscriber, prints PUBLISHED, waits for a line, closes. --server-gc true also asks
              the server for its memory after a GC of its own (Node: run with --expose-gc).""";

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Messages per burst for {@code subscribers} subscribers. */
    int burstFor(int subscribers) {
        return burst > 0 ? burst : Math.max(1, Math.round((float) burstDeliveries / subscribers));
    }

    static FanoutOptions parse(String[] args) {
        boolean stall = switch (args[0]) {
            case "fanout" -> false;
            case "fanout-stall" -> true;
            default -> throw new IllegalArgumentException("unknown mode: " + args[0]);
        };
        String host = "127.0.0.1";
        int port = -1;
        String path = "/fanout";
        String controlPath = "/control";
        int subscribers = stall ? 10_000 : 1_000;
        List<Integer> sizes = stall ? List.of(1024) : List.of(64, 1024);
        boolean deflate = false;
        int rounds = 1;
        int burstDeliveries = 64_000;
        int burst = 0;
        int burstsInFlight = 2;
        double warmup = 2;
        double duration = 5;
        double latency = 5;
        int latencyMin = 100;
        double quietWait = 0;
        int pending = 256;
        int receiveBuffer = stall ? 4096 : 0;
        long serverPid = 0;
        boolean serverGc = false;
        String label = "-";
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
                case "--control-path" -> controlPath = v;
                case "--subscribers" -> subscribers = Integer.parseInt(v);
                case "--sizes" -> sizes = sizes(v);
                case "--deflate" -> deflate = Boolean.parseBoolean(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--burst-deliveries" -> burstDeliveries = Integer.parseInt(v);
                case "--burst" -> burst = Integer.parseInt(v);
                case "--bursts-in-flight" -> burstsInFlight = Integer.parseInt(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--latency-duration" -> latency = Double.parseDouble(v);
                case "--latency-min" -> latencyMin = Integer.parseInt(v);
                case "--quiet-wait" -> quietWait = Double.parseDouble(v);
                case "--pending" -> pending = Integer.parseInt(v);
                case "--receive-buffer" -> receiveBuffer = Integer.parseInt(v);
                case "--server-pid" -> serverPid = Long.parseLong(v);
                case "--server-gc" -> serverGc = Boolean.parseBoolean(v);
                case "--label" -> label = v;
                default -> throw new IllegalArgumentException("unknown option: " + name);
            }
        }
        if (port <= 0) {
            throw new IllegalArgumentException("--port is required");
        }
        if (subscribers < 1 || rounds < 1 || burstDeliveries < 1 || burst < 0 || burstsInFlight < 1
                || pending < 1 || latencyMin < 1 || receiveBuffer < 0) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (label.isEmpty() || label.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("--label must be one word");
        }
        return new FanoutOptions(stall, host, port, path, controlPath, subscribers, sizes, deflate, rounds,
                burstDeliveries, burst, burstsInFlight, warmup, duration, latency, latencyMin, quietWait, pending,
                receiveBuffer, serverPid, serverGc, label);
    }

    private static List<Integer> sizes(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String s : list.split(",")) {
            int size = Integer.parseInt(s.trim());
            if (size < FanoutPayload.MIN_SIZE) {
                throw new IllegalArgumentException("--sizes: at least " + FanoutPayload.MIN_SIZE + " bytes each");
            }
            sizes.add(size);
        }
        return List.copyOf(sizes);
    }
}
