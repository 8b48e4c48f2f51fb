package dev.wsf.bench;

import dev.wsf.api.Role;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.frame.FrameEncoder;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.frame.FrameParser;
import dev.wsf.runtime.frame.Masking;
import dev.wsf.runtime.frame.Utf8Validator;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The frame codec's hot paths at 32 B, 1 KiB and 64 KiB: parsing a masked client frame (which
 * unmasks in place), masking alone, UTF-8 validation of ASCII and of mixed text, and writing
 * server (unmasked, header only for large payloads) and client (masked copy) frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"32", "1024", "65536"})
    int size;

    private ByteBuffer frame;
    private ByteBuffer payload;
    /**
     * As the server unmasks: in place, in the I/O loop's 128 KiB direct read buffer, behind a
     * client frame's header.
     */
    private ByteBuffer readBuffer;
    private byte[] ascii;
    private byte[] mixed;
    private FrameParser parser;
    private final CountingListener listener = new CountingListener();

    /** Counts payload bytes, so the parser's work cannot be optimized away. */
    static final class CountingListener implements FrameListener {
        long bytes;

        @Override
        public void onDataFrame(Opcode opcode, boolean fin, int rsv, long length) {
        }

        @Override
        public void onDataPayload(ByteBuffer chunk, boolean frameEnd) {
            bytes += chunk.remaining();
        }

        @Override
        public void onControlFrame(Opcode opcode, ByteBuffer p) {
        }
    }

    @Setup
    public void setUp() {
        frame = ByteBuffer.wrap(Payloads.maskedFrame(Opcode.BINARY, Payloads.random(size)));
        payload = ByteBuffer.wrap(Payloads.random(size));
        readBuffer = ByteBuffer.allocateDirect(128 * 1024).put(14, Payloads.random(size));
        ascii = Payloads.ascii(size);
        mixed = Payloads.mixedUtf8(size);
        parser = new FrameParser(Role.SERVER, Long.MAX_VALUE);
    }

    @Benchmark
    public long parseMaskedFrame() {
        frame.clear(); // unmasking in place flips the payload each time; binary frames don't care
        parser.parse(frame, listener);
        return listener.bytes;
    }

    @Benchmark
    public ByteBuffer unmask() {
        Masking.apply(payload, 0, size, 0x1A2B3C4D, 0);
        return payload;
    }

    @Benchmark
    public ByteBuffer unmaskDirect() {
        Masking.apply(readBuffer, 14, 14 + size, 0x1A2B3C4D, 0);
        return readBuffer;
    }

    @Benchmark
    public boolean validateAsciiUtf8() {
        Utf8Validator v = new Utf8Validator();
        return v.validate(ascii, 0, ascii.length) && v.isComplete();
    }

    @Benchmark
    public boolean validateMixedUtf8() {
        Utf8Validator v = new Utf8Validator();
        return v.validate(mixed, 0, mixed.length) && v.isComplete();
    }

    @Benchmark
    public void writeServerFrame(Blackhole bh) {
        if (size <= FrameEncoder.COPY_THRESHOLD) {
            bh.consume(FrameEncoder.frame(Opcode.BINARY, true, 0, payload, false, 0));
        } else {
            bh.consume(FrameEncoder.header(Opcode.BINARY, true, 0, size));
            bh.consume(payload.duplicate());
        }
    }

    @Benchmark
    public ByteBuffer writeClientFrame() {
        return FrameEncoder.frame(Opcode.BINARY, true, 0, payload, true, 0x1A2B3C4D);
    }
}
