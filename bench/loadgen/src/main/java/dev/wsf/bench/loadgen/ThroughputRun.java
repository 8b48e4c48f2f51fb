package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Pipelined echo load from one selector thread: C connections, each with W messages in flight.
 * Only echoes received between the end of the warmup and the end of the run are counted.
 * {@code msgs_per_s} and {@code mb_per_s} count payload bytes, in every protocol: the WebSocket
 * headers, TLS records and TCP/IP headers around them are not counted.
 */
final class ThroughputRun {

    private final Options options;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final List<PipelinedConnection> connections = new ArrayList<>();
    /** Kept in a field so the select loop does not allocate a lambda per call. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final CpuMeter cpu;
    private long echoed;
    /** Read calls that returned data; echoes per read shows how well the server batches writes. */
    private long reads;
    private IOException failure;
    private String tls = "none";

    ThroughputRun(Options options) {
        this.options = options;
        this.cpu = new CpuMeter(options.serverPid());
    }

    String run() throws IOException {
        byte[] payload = Frames.payload(options.opcode(), options.size());
        byte[] message = Frames.message(options, payload);
        ByteBuffer template = Frames.repeated(message, options.window() + 1);
        ByteBuffer expected = Frames.direct(payload);
        // Over TLS, one write may encrypt the whole window (16 KiB of data per record).
        int records = (message.length * options.window() + 16 * 1024 - 1) / (16 * 1024) + 1;

        try (Selector selector = Selector.open(); Connector connector = new Connector(options, records)) {
            for (int i = 0; i < options.connections(); i++) {
                PipelinedConnection c = new PipelinedConnection(connector.open(), template, message.length,
                        options.window(), Echoes.forOptions(options, expected));
                c.attach(c.link().channel().register(selector, SelectionKey.OP_READ, c));
                connections.add(c);
            }
            tls = connections.isEmpty() ? "none" : Tls.describe(connections.get(0).link());
            for (PipelinedConnection c : connections) {
                c.flush();
            }
            return measure(selector);
        } finally {
            connections.forEach(c -> Connector.abort(c.link().channel()));
        }
    }

    private String measure(Selector selector) throws IOException {
        long start = System.nanoTime();
        long warmupEnd = start + (long) (options.warmupSeconds() * 1e9);
        long end = warmupEnd + (long) (options.durationSeconds() * 1e9);
        CpuMeter.Sample from = null;
        long echoedAtWarmupEnd = 0;
        long readsAtWarmupEnd = 0;
        while (true) {
            selector.select(onReady, 50);
            if (failure != null) {
                throw failure;
            }
            long now = System.nanoTime();
            if (from == null && now >= warmupEnd) {
                from = cpu.sample();
                echoedAtWarmupEnd = echoed;
                readsAtWarmupEnd = reads;
            }
            if (now >= end) {
                break;
            }
        }
        CpuMeter.Sample to = cpu.sample();
        long messages = echoed - echoedAtWarmupEnd;
        double perRead = (double) messages / Math.max(1, reads - readsAtWarmupEnd);
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        double perSecond = messages / seconds;
        return String.format(Locale.ROOT,
                "mode=%s protocol=%s tls=%s connections=%d window=%d size=%d seconds=%.2f messages=%d"
                        + " msgs_per_s=%.0f mb_per_s=%.2f echoes_per_read=%.2f %s",
                options.mode().cliName, options.raw() ? "raw" : "websocket", tls, options.connections(),
                options.window(), options.size(), seconds,
                messages, perSecond, perSecond * options.size() / 1e6, perRead, cpu.between(from, to));
    }

    private void onReady(SelectionKey key) {
        PipelinedConnection c = (PipelinedConnection) key.attachment();
        try {
            if (key.isReadable()) {
                echoed += c.onReadable(readBuffer);
                reads++;
            }
            if (key.isValid() && key.isWritable()) {
                c.flush();
            }
        } catch (IOException e) {
            failure = e;
        }
    }
}
