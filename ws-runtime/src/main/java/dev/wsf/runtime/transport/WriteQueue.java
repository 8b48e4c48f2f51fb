package dev.wsf.runtime.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The bytes waiting to go out on one socket, in order, each entry with the future to complete
 * once it is written. Entries leave in gathering writes of up to 63 buffers. Written entries are
 * set aside until {@link #takeWritten()}, so their futures can be completed outside the
 * connection's lock, even when a later write failed. Not thread-safe: guarded by the connection.
 */
final class WriteQueue {
    private static final ThreadLocal<ByteBuffer[]> GATHER = ThreadLocal.withInitial(() -> new ByteBuffer[64]);
    /** Buffers up to this size are coalesced before writing; see {@link #coalescedWrite}. */
    private static final int SMALL = 1024;
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * SMALL));

    /** One queued write: up to two buffers and the future to complete once both are written. */
    static final class Entry {
        private ByteBuffer first;
        private ByteBuffer second;
        private CompletableFuture<Void> done;
        private Entry next;

        private boolean written() {
            return (first == null || !first.hasRemaining()) && (second == null || !second.hasRemaining());
        }
    }

    private Entry head;
    private Entry tail;
    private Entry writtenHead;
    private Entry writtenTail;
    private long bytes;

    void add(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        Entry e = new Entry();
        e.first = first;
        e.second = second;
        e.done = done;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        bytes += (first == null ? 0 : first.remaining()) + (second == null ? 0 : second.remaining());
    }

    boolean isEmpty() {
        return head == null;
    }

    /** Bytes queued and not yet written. */
    long bytes() {
        return bytes;
    }

    /**
     * Writes as much as the channel takes.
     *
     * @return how many bytes went out
     * @throws IOException if the channel failed; entries written before that are still set aside
     */
    long writeTo(GatheringByteChannel channel) throws IOException {
        ByteBuffer[] gather = GATHER.get();
        long total = 0;
        while (head != null) {
            int n = 0;
            long offered = 0;
            for (Entry e = head; e != null && n < gather.length - 1; e = e.next) {
                if (e.first != null && e.first.hasRemaining()) {
                    offered += e.first.remaining();
                    gather[n++] = e.first;
                }
                if (e.second != null && e.second.hasRemaining()) {
                    offered += e.second.remaining();
                    gather[n++] = e.second;
                }
            }
            long written;
            try {
                if (n == 0) {
                    written = 0;
                } else if (n == 1) {
                    written = channel.write(gather[0]);
                } else if (allSmallAndOnHeap(gather, n)) {
                    written = coalescedWrite(channel, gather, n);
                } else {
                    written = channel.write(gather, 0, n);
                }
            } finally {
                Arrays.fill(gather, 0, n, null);
            }
            bytes -= written;
            total += written;
            setAsideWritten();
            if (written < offered) {
                break; // the socket is full: wait for OP_WRITE
            }
        }
        return total;
    }

    private static boolean allSmallAndOnHeap(ByteBuffer[] buffers, int n) {
        for (int i = 0; i < n; i++) {
            if (!buffers[i].hasArray() || buffers[i].remaining() > SMALL) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes many small heap buffers as one. The JDK copies every heap buffer of a gathering
     * write into a temporary direct buffer of its own, one native copy and one thread-local
     * lookup per buffer; for a round of small frames (pipelined echoes) that cost more than the
     * write itself. Copied here with arraycopy, they cost the JDK one copy. The sources are then
     * advanced by what the socket took.
     */
    private static long coalescedWrite(GatheringByteChannel channel, ByteBuffer[] buffers, int n) throws IOException {
        ByteBuffer staging = STAGING.get().clear();
        byte[] into = staging.array();
        for (int i = 0; i < n; i++) {
            ByteBuffer b = buffers[i];
            System.arraycopy(b.array(), b.arrayOffset() + b.position(), into, staging.position(), b.remaining());
            staging.position(staging.position() + b.remaining());
        }
        long written = channel.write(staging.flip());
        long left = written;
        for (int i = 0; i < n && left > 0; i++) {
            int take = (int) Math.min(left, buffers[i].remaining());
            buffers[i].position(buffers[i].position() + take);
            left -= take;
        }
        return written;
    }

    private void setAsideWritten() {
        while (head != null && head.written()) {
            Entry e = head;
            head = e.next;
            e.next = null;
            if (writtenTail == null) {
                writtenHead = e;
            } else {
                writtenTail.next = e;
            }
            writtenTail = e;
        }
        if (head == null) {
            tail = null;
        }
    }

    /** The entries written since the last call, detached, for {@link #complete}. */
    Entry takeWritten() {
        Entry e = writtenHead;
        writtenHead = null;
        writtenTail = null;
        return e;
    }

    /** Empties the queue, returning what was never written, for {@link #fail}. */
    Entry clear() {
        Entry e = head;
        head = null;
        tail = null;
        bytes = 0;
        return e;
    }

    static void complete(Entry chain) {
        for (Entry e = chain; e != null; e = e.next) {
            if (e.done != null) {
                e.done.complete(null);
            }
        }
    }

    static void fail(Entry chain, Throwable error) {
        for (Entry e = chain; e != null; e = e.next) {
            if (e.done != null) {
                e.done.completeExceptionally(error);
            }
        }
    }
}
