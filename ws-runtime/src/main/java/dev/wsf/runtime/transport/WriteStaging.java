package dev.wsf.runtime.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * A loop's direct buffer for writing heap bytes to a socket. The JDK writes a heap buffer by
 * copying it into a temporary direct buffer, one per heap buffer of a gathering write, cached per
 * thread at the size of the largest write seen. Here each run of heap buffers is copied into one
 * stretch of this fixed buffer and written in one gathering write with the direct buffers around
 * it, which the socket reads where they are. So bytes are copied once at most, a direct payload
 * (a received message sent back) not at all, and the loop's write memory stays at {@link #SIZE}.
 *
 * <p>Nothing stays here between writes: the sources are advanced by what the socket took, and
 * the rest is copied again next time. Loop-confined.
 */
final class WriteStaging {
    static final int SIZE = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
    private final ByteBuffer[] out = new ByteBuffer[WriteQueue.MAX_GATHER];
    /** Views of {@link #buffer}, one per run of heap sources, made as needed and reused. */
    private final ByteBuffer[] views = new ByteBuffer[WriteQueue.MAX_GATHER];
    /** Per source: how many of its bytes this write offers. */
    private final int[] offered = new int[WriteQueue.MAX_GATHER];
    /** How many bytes the last write offered the channel: less than the sources hold when the staging filled up. */
    private long lastOffered;

    /**
     * Writes {@code srcs[0, n)} in order, as much as the channel takes, and advances each by
     * what of it was written.
     */
    long write(GatheringByteChannel channel, ByteBuffer[] srcs, int n) throws IOException {
        buffer.clear();
        int m = 0;
        int used = 0;
        int runStart = -1;
        for (; used < n; used++) {
            ByteBuffer b = srcs[used];
            if (b.isDirect()) {
                if (runStart >= 0) {
                    out[m] = view(m, runStart);
                    m++;
                    runStart = -1;
                }
                offered[used] = b.remaining();
                out[m++] = b;
                continue;
            }
            int k = Math.min(b.remaining(), buffer.remaining());
            if (k == 0) {
                break; // full: the rest waits for the next write
            }
            if (runStart < 0) {
                runStart = buffer.position();
            }
            buffer.put(buffer.position(), b, b.position(), k).position(buffer.position() + k);
            offered[used] = k;
            if (k < b.remaining()) {
                used++;
                break; // only part of it fits: nothing after it may go before its rest
            }
        }
        if (runStart >= 0) {
            out[m] = view(m, runStart);
            m++;
        }
        long written;
        try {
            written = m == 1 ? channel.write(out[0]) : channel.write(out, 0, m);
        } finally {
            Arrays.fill(out, 0, m, null);
        }
        long total = 0;
        for (int i = 0; i < used; i++) {
            total += offered[i];
        }
        lastOffered = total;
        long left = written;
        for (int i = 0; i < used && left > 0; i++) {
            int take = (int) Math.min(left, offered[i]);
            if (!srcs[i].isDirect()) { // the channel advanced the direct ones itself
                srcs[i].position(srcs[i].position() + take);
            }
            left -= take;
        }
        return written;
    }

    /** Bytes the last {@link #write} offered the channel; if it wrote fewer, the socket is full. */
    long lastOffered() {
        return lastOffered;
    }

    /** A view of the staging buffer from {@code start} to its position. */
    private ByteBuffer view(int slot, int start) {
        ByteBuffer v = views[slot];
        if (v == null) {
            v = views[slot] = buffer.duplicate();
        }
        v.clear().position(start).limit(buffer.position());
        return v;
    }
}
