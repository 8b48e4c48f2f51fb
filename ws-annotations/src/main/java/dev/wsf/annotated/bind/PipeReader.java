package dev.wsf.annotated.bind;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/** The {@code Reader} a streaming text callback reads: the text parts of one message, in order. */
final class PipeReader extends Reader {
    private final ChunkPipe pipe;
    private String current = "";
    private int offset;
    private boolean atEnd;

    PipeReader(ChunkPipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buffer.length);
        if (len == 0) {
            return 0;
        }
        while (offset == current.length()) {
            if (atEnd) {
                return -1;
            }
            Object next = pipe.take();
            if (next == ChunkPipe.END) {
                atEnd = true;
                return -1;
            }
            current = (String) next;
            offset = 0;
        }
        int n = Math.min(len, current.length() - offset);
        current.getChars(offset, offset + n, buffer, off);
        offset += n;
        return n;
    }

    @Override
    public void close() {
        pipe.closeReader();
    }
}
