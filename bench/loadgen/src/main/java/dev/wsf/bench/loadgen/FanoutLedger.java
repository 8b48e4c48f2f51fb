package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Which published messages every subscriber has received, and when the last one did. The client
 * asks for every publish, so it knows each message's sequence number before any subscriber sees
 * it ({@link #expect}); slots for messages in flight live in a ring indexed by sequence number.
 *
 * <p>A message is complete when all subscribers have it; its publish-to-last-delivery latency is
 * the last arrival (the client's {@code System.nanoTime()} when the read that brought it returned)
 * minus the server's publish time in the message. Every subscriber receives messages in order, so
 * messages complete in order too. Confined to the client's one thread.
 */
final class FanoutLedger {

    /** Hears of each complete message. */
    interface Listener {
        void completed(long seq, long latencyNanos);
    }

    private final int subscribers;
    private final int mask;
    private final long[] slotSeq;
    private final long[] publishedAt;
    private final long[] lastArrival;
    private final int[] remaining;
    /** Under shared compression: a compressed payload already inflated and checked, per slot. */
    private final ByteBuffer[] compressed;
    private final Listener listener;
    private FanoutPayload payload;
    private byte[] scratch;
    private int maxFrame;
    /** The oldest incomplete message, and one past the newest expected. */
    private long oldest;
    private long next;
    private long delivered;

    FanoutLedger(int subscribers, int capacity, long firstSeq, Listener listener) {
        int size = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        this.subscribers = subscribers;
        this.mask = size - 1;
        this.slotSeq = new long[size];
        this.publishedAt = new long[size];
        this.lastArrival = new long[size];
        this.remaining = new int[size];
        this.compressed = new ByteBuffer[size];
        this.listener = listener;
        this.oldest = firstSeq;
        this.next = firstSeq;
        java.util.Arrays.fill(slotSeq, -1);
    }

    /** The messages from now on have this size. */
    void payload(FanoutPayload p) {
        if (oldest != next) {
            throw new IllegalStateException("messages of the previous size are still in flight");
        }
        this.payload = p;
        this.scratch = new byte[p.size() + 1];
        this.maxFrame = p.size() + 64; // a header, and what deflate may add to an incompressible message
    }

    FanoutPayload payload() {
        return payload;
    }

    /** Where a subscriber may inflate a message; one byte longer than any message, to catch longer ones. */
    byte[] scratch() {
        return scratch;
    }

    /** The longest frame a subscriber may receive. */
    int maxFrame() {
        return maxFrame;
    }

    /** The next {@code count} sequence numbers are about to be published. */
    long expect(int count) throws IOException {
        long first = next;
        if (next + count - oldest > mask + 1) {
            throw new IOException("more than " + (mask + 1) + " messages in flight");
        }
        for (long s = next; s < next + count; s++) {
            int i = (int) (s & mask);
            slotSeq[i] = s;
            publishedAt[i] = -1;
            lastArrival[i] = 0;
            remaining[i] = subscribers;
            compressed[i] = null;
        }
        next += count;
        return first;
    }

    /** One subscriber received message {@code seq}, published at {@code t}, at {@code now}. */
    void arrived(long seq, long t, long now, ByteBuffer verifiedCompressed) throws IOException {
        int i = (int) (seq & mask);
        if (seq < oldest || seq >= next || slotSeq[i] != seq || remaining[i] <= 0) {
            throw new IOException("message " + seq + " arrived, but " + (seq >= next ? "was never asked for"
                    : "every subscriber has it already"));
        }
        if (publishedAt[i] < 0) {
            publishedAt[i] = t;
        } else if (publishedAt[i] != t) {
            throw new IOException("message " + seq + " carries two publish times: " + publishedAt[i] + " and " + t);
        }
        if (verifiedCompressed != null && compressed[i] == null) {
            ByteBuffer copy = ByteBuffer.allocate(verifiedCompressed.remaining());
            copy.put(verifiedCompressed.duplicate()).flip();
            compressed[i] = copy;
        }
        if (now > lastArrival[i]) {
            lastArrival[i] = now;
        }
        delivered++;
        if (--remaining[i] == 0) {
            if (seq != oldest) {
                throw new IOException("message " + seq + " completed before message " + oldest);
            }
            oldest++;
            compressed[i] = null;
            listener.completed(seq, lastArrival[i] - publishedAt[i]);
        }
    }

    /**
     * Whether {@code payload} (compressed, position to limit) equals one already inflated and
     * checked for {@code seq} under shared compression.
     */
    boolean verifiedCompressed(long seq, ByteBuffer payload) {
        int i = (int) (seq & mask);
        ByteBuffer known = slotSeq[i] == seq ? compressed[i] : null;
        return known != null && known.mismatch(payload) < 0;
    }

    long publishedAt(long seq) {
        return publishedAt[(int) (seq & mask)];
    }

    /** Deliveries so far, all messages together. */
    long delivered() {
        return delivered;
    }

    /** Whether every message asked for has reached every subscriber. */
    boolean idle() {
        return oldest == next;
    }

    /** One past the newest message asked for. */
    long next() {
        return next;
    }

    /** What is still missing, for an error message. */
    String missing() {
        if (idle()) {
            return "nothing missing";
        }
        int i = (int) (oldest & mask);
        return "message " + oldest + " still missing at " + remaining[i] + " of " + subscribers + " subscribers; "
                + (next - oldest) + " message(s) incomplete";
    }
}
