package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.runtime.io.MemoryAccount;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A message or frame collected from pieces, growing with the bytes that actually arrive, never
 * with the length a peer announces: a header announcing 4 MiB followed by one byte costs a few
 * kilobytes, not 4 MiB. The first allocation is at most {@link #FIRST_CAPACITY} (or the announced
 * length, if smaller), then it doubles as data comes, never past what was announced. Its capacity
 * counts against the connection's {@link MemoryAccount} until it is taken or discarded.
 * Confined to the session's serial executor.
 */
final class Aggregate {
    /** Enough for most messages that arrive split; larger ones grow as their bytes come. */
    static final int FIRST_CAPACITY = 16 * 1024;
    /** The most a heap buffer can hold. */
    static final long MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private final MemoryAccount memory;
    private ByteBuffer buffer;

    Aggregate(MemoryAccount memory) {
        this.memory = memory;
    }

    boolean isEmpty() {
        return buffer == null;
    }

    /**
     * Appends {@code chunk} (position to limit; consumed).
     *
     * @param announced the length announced so far for what is collected, which bounds growth
     * @throws ProtocolViolationException 1009 if it would not fit in one buffer
     */
    void append(ByteBuffer chunk, long announced) {
        long needed = (buffer == null ? 0 : buffer.position()) + (long) chunk.remaining();
        if (needed > MAX_CAPACITY) {
            throw new ProtocolViolationException(CloseCode.MESSAGE_TOO_BIG,
                    "message exceeds the " + MAX_CAPACITY + " bytes one buffer can hold");
        }
        if (buffer == null) {
            resize(Math.max(needed, Math.min(announced, FIRST_CAPACITY)));
        } else if (buffer.remaining() < chunk.remaining()) {
            resize(Math.max(needed, Math.min(announced, Math.min(MAX_CAPACITY, 2L * buffer.capacity()))));
        }
        buffer.put(chunk);
    }

    private void resize(long capacity) {
        int size = (int) capacity;
        if (buffer == null) {
            memory.grow(size);
            buffer = ByteBuffer.allocate(size);
            return;
        }
        memory.grow(size - buffer.capacity());
        int position = buffer.position();
        ByteBuffer grown = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), size));
        buffer = grown.position(position);
    }

    /** What was collected, ready to read; the aggregate is empty again and its memory returned. */
    ByteBuffer take() {
        ByteBuffer whole = buffer.flip();
        discard();
        return whole;
    }

    /** Drops what was collected. */
    void discard() {
        if (buffer != null) {
            memory.shrink(buffer.capacity());
            buffer = null;
        }
    }
}
