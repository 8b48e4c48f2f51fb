package dev.wsf.runtime.extension.deflate;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib streams lent to connections for one message at a time, when no context is carried from
 * one message to the next: a compressor holds some 256 KiB of native memory and a decompressor
 * some 40 KiB, which a connection without context takeover needs only while a message passes.
 * Returned streams are reset and kept, up to {@link #MAX_IDLE} per kind; the rest are ended.
 * Thread-safe.
 */
final class ZlibPool {
    /** Idle streams kept per kind: enough for every I/O thread and a few workers at once. */
    static final int MAX_IDLE = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private static final ZlibPool[] DEFLATERS = new ZlibPool[11]; // by level + 1 (level -1 is zlib's default)
    private static final ZlibPool INFLATERS = new ZlibPool(Integer.MIN_VALUE);

    static {
        for (int i = 0; i < DEFLATERS.length; i++) {
            DEFLATERS[i] = new ZlibPool(i - 1);
        }
    }

    private final int level;
    private final ConcurrentLinkedDeque<Object> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    private ZlibPool(int level) {
        this.level = level;
    }

    static Deflater borrowDeflater(int level) {
        Object d = DEFLATERS[level + 1].take();
        return d != null ? (Deflater) d : new Deflater(level, true);
    }

    static void returnDeflater(int level, Deflater d) {
        d.reset();
        DEFLATERS[level + 1].keep(d);
    }

    static Inflater borrowInflater() {
        Object i = INFLATERS.take();
        return i != null ? (Inflater) i : new Inflater(true);
    }

    static void returnInflater(Inflater i) {
        i.reset();
        INFLATERS.keep(i);
    }

    /** Streams idle now, of every kind: for tests and measurements. */
    static int idle() {
        int n = INFLATERS.idleCount.get();
        for (ZlibPool p : DEFLATERS) {
            n += p.idleCount.get();
        }
        return n;
    }

    private Object take() {
        Object o = idle.pollFirst();
        if (o != null) {
            idleCount.decrementAndGet();
        }
        return o;
    }

    private void keep(Object stream) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(stream);
            return;
        }
        idleCount.decrementAndGet();
        if (stream instanceof Deflater d) {
            d.end();
        } else {
            ((Inflater) stream).end();
        }
    }

    @Override
    public String toString() {
        return level == Integer.MIN_VALUE ? "ZlibPool[inflaters]" : "ZlibPool[deflaters, level " + level + "]";
    }
}
