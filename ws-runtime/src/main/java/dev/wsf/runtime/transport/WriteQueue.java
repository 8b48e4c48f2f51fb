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
                written = n == 0 ? 0 : n == 1 ? channel.write(gather[0]) : channel.write(gather, 0, n);
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
