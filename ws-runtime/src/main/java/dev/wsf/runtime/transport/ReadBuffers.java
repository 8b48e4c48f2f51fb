package dev.wsf.runtime.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The I/O loops' read buffers, every loop's of every server and client in the process, so a buffer
 * handed to a send can be recognised as a slice of one (a received message sent back, or on to
 * another connection): the loop's next read overwrites those bytes.
 *
 * <p>A direct buffer shows no address, but {@link ByteBuffer#alignmentOffset} gives its low 30
 * bits. A buffer counts as a slice of a read buffer when its first byte falls inside one modulo
 * 1 GiB: a real slice always does; now and then another buffer does too, which only costs it a
 * copy.
 */
final class ReadBuffers {
    private static final int MODULUS = 1 << 30;

    /** A read buffer's first byte modulo 1 GiB, and its size. */
    private record Span(ByteBuffer buffer, int start, int size) {
        boolean holds(int at) {
            return ((at - start) & (MODULUS - 1)) < size;
        }
    }

    private static final CopyOnWriteArrayList<Span> SPANS = new CopyOnWriteArrayList<>();

    private ReadBuffers() {
    }

    /** A new direct read buffer, known here until {@link #release}d. */
    static ByteBuffer allocate(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        SPANS.add(new Span(b, b.alignmentOffset(0, MODULUS), size));
        return b;
    }

    static void release(ByteBuffer buffer) {
        SPANS.removeIf(s -> s.buffer == buffer);
    }

    /** Whether {@code b} may share memory with any loop's read buffer. */
    static boolean contains(ByteBuffer b) {
        if (!b.isDirect()) {
            return false;
        }
        int at = b.alignmentOffset(b.position(), MODULUS);
        for (Span s : SPANS) {
            if (s.holds(at)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code b} may be a slice of {@code readBuffer} in particular. */
    static boolean within(ByteBuffer readBuffer, ByteBuffer b) {
        if (!b.isDirect()) {
            return false;
        }
        int at = b.alignmentOffset(b.position(), MODULUS);
        int start = readBuffer.alignmentOffset(0, MODULUS);
        return ((at - start) & (MODULUS - 1)) < readBuffer.capacity();
    }
}
