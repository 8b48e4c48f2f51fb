package dev.wsf.annotated.bind;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** The {@code InputStream} a streaming binary callback reads: the parts of one message, in order. */
final class PipeInputStream extends InputStream {
    private static final byte[] EMPTY = new byte[0];

    private final ChunkPipe pipe;
    private byte[] current = EMPTY;
    private int offset;
    private boolean atEnd;

    PipeInputStream(ChunkPipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[offset++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buffer.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, buffer, off, n);
        offset += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - offset;
    }

    @Override
    public void close() {
        pipe.closeReader();
    }

    /** Makes sure unread bytes are in {@code current}; false at the end of the message. */
    private boolean fill() throws IOException {
        while (offset == current.length) {
            if (atEnd) {
                return false;
            }
            Object next = pipe.take();
            if (next == ChunkPipe.END) {
                atEnd = true;
                return false;
            }
            current = (byte[]) next;
            offset = 0;
        }
        return true;
    }
}
