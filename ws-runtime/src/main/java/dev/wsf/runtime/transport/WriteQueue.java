package dev.wsf.runtime.transport;

import dev.wsf.runtime.io.MemoryAccount;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The bytes waiting to go out on one socket, in order, each entry with the future to complete
 * once it is written. Entries leave in gathering writes of up to 63 buffers. Urgent entries
 * (control frames) go ahead of every ordinary entry not yet started, in their own order; the
 * entry at the head, once partly written, keeps its place, since a frame cannot be split.
 *
 * <p>Written entries are set aside until {@link #takeWritten()}, so their futures can be completed
 * outside the connection's lock, even when a later write failed. Each entry counts against the
 * connection's {@link MemoryAccount} until its last byte is written (its buffers are held whole
 * until then). Not thread-safe: guarded by the connection.
 */
final class WriteQueue {
    /** Most buffers one gathering write takes. */
    static final int MAX_GATHER = 64;
    private static final ThreadLocal<ByteBuffer[]> GATHER = ThreadLocal.withInitial(() -> new ByteBuffer[MAX_GATHER]);
    /** Buffers up to this size are coalesced before writing; see {@link #coalescedWrite}. */
    private static final int SMALL = 1024;
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * SMALL));
    /** What a shared frame costs one queue: the entry and the buffer duplicate, not the bytes. */
    static final long SHARED_COST = 96;

    /** One queued write: up to two buffers and the future to complete once both are written. */
    static final class Entry {
        private final ByteBuffer first;
        private ByteBuffer second;
        /** Whether {@link #second} is borrowed from the loop's read buffer; see {@link #addBorrowed}. */
        private boolean borrowed;
        private final CompletableFuture<Void> done;
        private final boolean urgent;
        private final long size;
        /** What it costs against the memory budget: its size, or a fixed overhead if shared. */
        private final long cost;
        private Entry next;

        private Entry(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done, boolean urgent,
                      boolean shared) {
            this.first = first;
            this.second = second;
            this.done = done;
            this.urgent = urgent;
            this.size = remaining();
            this.cost = shared ? SHARED_COST : size;
        }

        /** Whether some of it went out already: it must then stay where it is. */
        private boolean started() {
            return remaining() < size;
        }

        private long remaining() {
            return (first == null ? 0 : first.remaining()) + (second == null ? 0 : second.remaining());
        }
    }

    private final MemoryAccount memory;
    private Entry head;
    private Entry tail;
    /** The last urgent entry in the run of urgent entries at the front; urgent ones queue behind it. */
    private Entry lastUrgent;
    private Entry writtenHead;
    private Entry writtenTail;
    private long bytes;
    private long totalWritten;
    /** Entries still holding a borrowed buffer. */
    private int borrowed;

    WriteQueue(MemoryAccount memory) {
        this.memory = memory;
    }

    void add(ByteBuffer first, ByteBuffer second, CompletableFuture<Void> done) {
        append(counted(new Entry(first, second, done, false, false)));
    }

    /**
     * A frame whose payload is borrowed from the loop's read buffer: it must be written, or
     * {@link #detachBorrowed detached}, before the loop reads into that buffer again.
     */
    void addBorrowed(ByteBuffer header, ByteBuffer payload, CompletableFuture<Void> done) {
        Entry e = new Entry(header, payload, done, false, false);
        e.borrowed = true;
        borrowed++;
        append(counted(e));
    }

    /** Copies what is left of borrowed payloads to the heap: their buffer is about to be reused. */
    void detachBorrowed() {
        for (Entry e = head; e != null && borrowed > 0; e = e.next) {
            if (e.borrowed) {
                e.second = ByteBuffer.allocate(e.second.remaining()).put(e.second).flip();
                unborrow(e);
            }
        }
    }

    private void unborrow(Entry e) {
        if (e.borrowed) {
            e.borrowed = false;
            borrowed--;
        }
    }

    /** A frame whose bytes other queues share; see {@link #SHARED_COST}. */
    void addShared(ByteBuffer frame) {
        append(counted(new Entry(frame, null, null, false, true)));
    }

    private void append(Entry e) {
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
    }

    void addUrgent(ByteBuffer frame, CompletableFuture<Void> done) {
        Entry e = counted(new Entry(frame, null, done, true, false));
        Entry after = lastUrgent != null ? lastUrgent : head != null && head.started() ? head : null;
        if (after == null) {
            e.next = head;
            head = e;
            if (tail == null) {
                tail = e;
            }
        } else {
            e.next = after.next;
            after.next = e;
            if (tail == after) {
                tail = e;
            }
        }
        lastUrgent = e;
    }

    private Entry counted(Entry e) {
        bytes += e.size;
        memory.grow(e.cost);
        return e;
    }

    boolean isEmpty() {
        return head == null;
    }

    /** Bytes queued and not yet written. */
    long bytes() {
        return bytes;
    }

    /** Bytes written since the queue was made. */
    long totalWritten() {
        return totalWritten;
    }

    /** Writes as much as the channel takes, coalescing small heap buffers; see {@link #writeTo(GatheringByteChannel, boolean, WriteStaging)}. */
    long writeTo(GatheringByteChannel channel) throws IOException {
        return writeTo(channel, true, null);
    }

    /**
     * Writes as much as the channel takes.
     *
     * @param coalesce whether to copy many small heap buffers into one first (see {@link #coalescedWrite})
     * @param staging  the loop's direct staging buffer, when writing on the loop to a socket; it
     *                 takes the place of coalescing
     * @return how many bytes went out
     * @throws IOException if the channel failed; entries written before that are still set aside
     */
    long writeTo(GatheringByteChannel channel, boolean coalesce, WriteStaging staging) throws IOException {
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
                } else if (staging != null) {
                    written = staging.write(channel, gather, n);
                    offered = staging.lastOffered();
                } else if (n == 1) {
                    written = channel.write(gather[0]);
                } else if (coalesce && allSmallAndOnHeap(gather, n)) {
                    written = coalescedWrite(channel, gather, n);
                } else {
                    written = channel.write(gather, 0, n);
                }
            } finally {
                Arrays.fill(gather, 0, n, null);
            }
            bytes -= written;
            totalWritten += written;
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
        while (head != null && head.remaining() == 0) {
            Entry e = head;
            head = e.next;
            memory.shrink(e.cost); // a buffer is held whole until its last byte is out
            unborrow(e);
            if (e == lastUrgent) {
                lastUrgent = null;
            }
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

    /**
     * Removes the ordinary entries not yet started, returning them for {@link #fail}. Urgent
     * entries and a partly written head stay.
     */
    Entry discardOrdinary() {
        Entry keptHead = null;
        Entry keptTail = null;
        Entry droppedHead = null;
        Entry droppedTail = null;
        for (Entry e = head; e != null; ) {
            Entry next = e.next;
            e.next = null;
            boolean keep = e.urgent || e.started();
            if (keep) {
                if (keptTail == null) {
                    keptHead = e;
                } else {
                    keptTail.next = e;
                }
                keptTail = e;
            } else {
                bytes -= e.remaining();
                memory.shrink(e.cost);
                unborrow(e);
                if (droppedTail == null) {
                    droppedHead = e;
                } else {
                    droppedTail.next = e;
                }
                droppedTail = e;
            }
            e = next;
        }
        head = keptHead;
        tail = keptTail;
        // What is left is a partly written head, if any, then urgent entries only.
        lastUrgent = keptTail != null && keptTail.urgent ? keptTail : null;
        return droppedHead;
    }

    /** Empties the queue, returning what was never written, for {@link #fail}. */
    Entry clear() {
        Entry e = head;
        for (Entry x = head; x != null; x = x.next) {
            memory.shrink(x.cost);
            unborrow(x);
        }
        head = null;
        tail = null;
        lastUrgent = null;
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
