package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the frames of incoming compressed messages (RFC 7692 section 7.2.2). Confined to
 * the inbound thread.
 *
 * <p>Frames are inflated as they come and the output is passed on in frames of at most
 * {@link #MAX_CHUNK} bytes from one reused buffer, so memory stays bounded whatever the message
 * size. The output of a message is counted as it is produced: once it passes the limit, the
 * connection fails with 1009 without inflating further.
 *
 * <p>A DEFLATE block with BFINAL set (section 7.2.3.4) ends zlib's stream; the inflater is then
 * restarted for whatever follows. The window from before such a block is lost, so a peer that
 * refers back across it fails with 1007.
 *
 * <p>The output buffer is the thread's, taken for one call: everything in it is passed on before
 * the call returns. When the peer takes no context from one message to the next, the
 * {@link Inflater} is borrowed from the {@link ZlibPool} for each message and given back at its
 * end: an idle connection then holds no zlib state at all.
 */
final class MessageInflater implements AutoCloseable {
    /** The largest payload of a frame passed on. */
    static final int MAX_CHUNK = 64 * 1024;
    private static final int INITIAL_CHUNK = 8 * 1024;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);
    /** Output buffers between calls, one per thread; taken while in use, so reentry is safe. */
    private static final ThreadLocal<ByteBuffer> SPARE_OUTPUT = new ThreadLocal<>();

    private final boolean resetPerMessage;
    private final long maxMessageSize;
    /** The 4 octets section 7.2.2 appends to a message; reread for every message. */
    private final ByteBuffer tail = ByteBuffer.wrap(new byte[] {0, 0, (byte) 0xff, (byte) 0xff});

    private Inflater inflater; // created on first use
    private ByteBuffer out;    // only during a call, in write mode: position = bytes not yet passed on
    private boolean closed;

    // The message being inflated.
    private long messageSize;
    private Opcode nextOpcode;
    private int pendingRsv;

    /**
     * @param resetPerMessage whether the peer never refers to earlier messages, so each message
     *                        may start from a fresh inflater
     * @param maxMessageSize  the most bytes one message may inflate to
     */
    MessageInflater(boolean resetPerMessage, long maxMessageSize) {
        this.resetPerMessage = resetPerMessage;
        this.maxMessageSize = Math.max(0, maxMessageSize);
    }

    /**
     * Inflates one frame of a compressed message and passes the output on. The first frame passed
     * on keeps the message's opcode, later ones are continuations, and only the last one of the
     * message's final frame has {@code fin}. Other extensions' RSV bits stay on the first frame
     * passed on for {@code frame}. The payload's position is left as it was.
     *
     * @throws CloseException 1007 for corrupt data, 1009 once the message inflates past the limit
     */
    void inflate(Frame frame, FrameSink next) {
        Inflater inf = inflater();
        ByteBuffer spare = SPARE_OUTPUT.get();
        SPARE_OUTPUT.set(null);
        out = spare != null ? spare : ByteBuffer.allocate(INITIAL_CHUNK);
        try {
            inflate(inf, frame, next);
        } finally {
            out.clear();
            SPARE_OUTPUT.set(out);
            out = null;
        }
    }

    private void inflate(Inflater inf, Frame frame, FrameSink next) {
        if (frame.isFirst()) {
            messageSize = 0;
            nextOpcode = frame.opcode();
        }
        pendingRsv = frame.rsv() & ~Frame.RSV1;
        ByteBuffer payload = frame.payload();
        int start = payload.position();
        try {
            boolean streamEnded = inflateAll(inf, payload, false, next);
            if (frame.fin() && !streamEnded) {
                tail.clear();
                inflateAll(inf, tail, true, next);
            }
        } catch (DataFormatException e) {
            // zlib's own words stay in the cause, for the log; the peer is told the rule
            throw new ProtocolViolationException(CloseCode.INVALID_PAYLOAD_DATA, "invalid compressed data", e);
        } finally {
            payload.position(start);
            inf.setInput(NO_INPUT);
        }
        if (frame.fin()) {
            emit(next, true);
            if (resetPerMessage) {
                release();
            }
        } else if (out.position() > 0) {
            emit(next, false);
        }
    }

    /** Whether a zlib stream is held now: for tests. */
    boolean holdsStream() {
        return inflater != null;
    }

    /** Releases the native stream. Further use fails. */
    @Override
    public void close() {
        closed = true;
        if (inflater != null) {
            if (resetPerMessage) {
                release(); // a message cut short: the stream is reset before it is lent again
            } else {
                inflater.end();
                inflater = null;
            }
        }
    }

    private Inflater inflater() {
        if (inflater == null) {
            if (closed) {
                throw new IllegalStateException("permessage-deflate decompressor is closed");
            }
            inflater = resetPerMessage ? ZlibPool.borrowInflater() : new Inflater(true);
        }
        return inflater;
    }

    /** Gives the inflater back between messages. */
    private void release() {
        ZlibPool.returnInflater(inflater);
        inflater = null;
    }

    /** Inflates all of {@code input}; true if a BFINAL block ended exactly at its end. */
    private boolean inflateAll(Inflater inf, ByteBuffer input, boolean isTail, FrameSink next)
            throws DataFormatException {
        inf.setInput(input);
        while (true) {
            makeRoom(next);
            // Never produce more than one byte past the limit: that byte proves the excess.
            long allowed = maxMessageSize - messageSize;
            int capacity = out.capacity();
            if (allowed < out.remaining()) {
                out.limit(out.position() + (int) allowed + 1);
            }
            int n;
            try {
                n = inf.inflate(out);
            } finally {
                out.limit(capacity);
            }
            messageSize += n;
            if (messageSize > maxMessageSize) {
                throw new ProtocolViolationException(CloseCode.MESSAGE_TOO_BIG,
                        "inflated message exceeds " + maxMessageSize + " bytes");
            }
            if (inf.finished()) {
                // A BFINAL block ended the stream; what follows starts a new one. Our own tail
                // after it means nothing: with zlib it would start a block that never ends.
                inf.reset();
                if (isTail || !input.hasRemaining()) {
                    return true;
                }
                inf.setInput(input);
            } else if (inf.needsInput() && out.hasRemaining()) {
                return false;
            } else if (n == 0 && out.hasRemaining()) {
                throw new IllegalStateException("inflater made no progress");
            }
        }
    }

    /** Ensures the output buffer has space, growing it once or passing a full chunk on. */
    private void makeRoom(FrameSink next) {
        if (out.hasRemaining()) {
            return;
        }
        if (out.capacity() < MAX_CHUNK) {
            out = ByteBuffer.allocate(MAX_CHUNK).put(out.flip());
        } else {
            emit(next, false);
        }
    }

    private void emit(FrameSink next, boolean fin) {
        out.flip();
        Frame frame = new Frame(nextOpcode, fin, pendingRsv, out);
        nextOpcode = Opcode.CONTINUATION;
        pendingRsv = 0;
        next.accept(frame);
        out.clear();
    }
}
