package dev.wsf.runtime.extension.deflate;

import static dev.wsf.runtime.extension.deflate.DeflateSettings.MAX_WINDOW_BITS;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses the outgoing frames of one connection (RFC 7692 section 7.2.1). Confined to the
 * outbound thread.
 *
 * <p>Each frame's input is flushed, so a frame carries everything it was given. The final frame
 * of a message loses the {@code 00 00 ff ff} that the flush ends with; non-final frames keep it,
 * since it is part of the data stream the peer inflates.
 *
 * <p>{@link Deflater} always searches a 32 KiB window. When the agreed window is smaller, the
 * input is cut into segments of at most 2<sup>bits</sup> bytes, each ended by
 * {@link Deflater#FULL_FLUSH}, which makes zlib forget everything before it: no back-reference can
 * then reach further than the segment it is in. The cost is compression ratio, and context
 * takeover is lost in that direction (every frame ends with a full flush).
 *
 * <p>The output scratch is the thread's, taken for one call: nothing in it outlives the call.
 * Without context takeover nothing needs to outlive a message either, so the {@link Deflater} is
 * borrowed from the {@link ZlibPool} for each message and given back at its end: an idle
 * connection then holds no zlib state at all.
 */
final class MessageDeflater implements AutoCloseable {
    private static final int INITIAL_OUTPUT = 8 * 1024;
    /** Above this, the output scratch grown for one large frame is dropped rather than kept. */
    private static final int RETAINED_OUTPUT = 64 * 1024;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

    private final int level;
    private final boolean noContextTakeover;
    /** 0 when the window is not limited, else the longest input segment between full flushes. */
    private final int segmentSize;

    /** Output scratch between calls, one per thread; taken while in use. */
    private static final ThreadLocal<byte[]> SPARE_OUTPUT = new ThreadLocal<>();

    private Deflater deflater; // created on first use: many connections never send a large message
    private byte[] out;        // only during a call
    private int outLength;
    private boolean closed;

    MessageDeflater(int level, boolean noContextTakeover, int windowBits) {
        this.level = level;
        this.noContextTakeover = noContextTakeover;
        this.segmentSize = windowBits < MAX_WINDOW_BITS ? 1 << windowBits : 0;
    }

    /**
     * Compresses {@code payload} from position to limit, leaving its position and limit as they
     * were, and returns the compressed bytes in a new buffer of exactly their size.
     *
     * @param endOfMessage whether this is the message's final frame
     */
    ByteBuffer compress(ByteBuffer payload, boolean endOfMessage) {
        Deflater d = deflater();
        byte[] spare = SPARE_OUTPUT.get();
        SPARE_OUTPUT.set(null);
        out = spare != null ? spare : new byte[INITIAL_OUTPUT];
        outLength = 0;
        int start = payload.position();
        int limit = payload.limit();
        try {
            if (segmentSize == 0) {
                d.setInput(payload);
                flush(d, Deflater.SYNC_FLUSH);
            } else {
                int position = start;
                do {
                    int end = Math.min(limit, position + segmentSize);
                    payload.limit(end).position(position);
                    d.setInput(payload);
                    flush(d, Deflater.FULL_FLUSH);
                    position = end;
                } while (position < limit);
            }
        } finally {
            payload.limit(limit).position(start);
            d.setInput(NO_INPUT); // do not keep the caller's buffer reachable
        }
        if (endOfMessage) {
            endMessage(d);
        }
        ByteBuffer result = ByteBuffer.allocate(outLength).put(out, 0, outLength).flip();
        if (out.length <= RETAINED_OUTPUT) {
            SPARE_OUTPUT.set(out);
        }
        out = null;
        if (noContextTakeover && endOfMessage) {
            ZlibPool.returnDeflater(level, d);
            deflater = null;
        }
        return result;
    }

    /** Whether a zlib stream is held now: for tests. */
    boolean holdsStream() {
        return deflater != null;
    }

    /** Releases the native stream. Further use fails. */
    @Override
    public void close() {
        closed = true;
        if (deflater != null) {
            if (noContextTakeover) {
                ZlibPool.returnDeflater(level, deflater); // a message cut short: the stream is reset
            } else {
                deflater.end();
            }
            deflater = null;
        }
    }

    private Deflater deflater() {
        if (deflater == null) {
            if (closed) {
                throw new IllegalStateException("permessage-deflate compressor is closed");
            }
            deflater = noContextTakeover ? ZlibPool.borrowDeflater(level) : new Deflater(level, true);
        }
        return deflater;
    }

    /** Deflates all pending input; a flush fills the output completely only if more may follow. */
    private void flush(Deflater d, int mode) {
        while (true) {
            if (outLength == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int space = out.length - outLength;
            int n = d.deflate(out, outLength, space, mode);
            outLength += n;
            if (n < space && d.needsInput()) {
                return;
            }
        }
    }

    /**
     * Drops the flush marker that ends the message (section 7.2.1). When the last flush wrote
     * nothing because nothing was pending (zlib does not repeat an empty flush), a single 0x00
     * stands for the empty stored block instead: with the marker the peer appends, it completes
     * one, exactly as after an empty message.
     */
    private void endMessage(Deflater d) {
        if (outLength >= 4 && out[outLength - 4] == 0 && out[outLength - 3] == 0
                && out[outLength - 2] == (byte) 0xff && out[outLength - 1] == (byte) 0xff) {
            outLength -= 4;
        } else {
            if (outLength == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[outLength++] = 0;
        }
        if (noContextTakeover) {
            d.reset();
        }
    }
}
