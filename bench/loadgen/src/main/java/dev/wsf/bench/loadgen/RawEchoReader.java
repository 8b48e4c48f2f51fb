package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The raw-TCP counterpart of {@link EchoReader}: the stream that comes back must be the sent
 * message repeated, byte for byte; every full message length counts as one echo. Compared in
 * place with {@link ByteBuffer#mismatch}, as the WebSocket reader does. Confined to the thread
 * that reads the connection.
 */
final class RawEchoReader implements Echoes {

    private final int length;
    private final ByteBuffer expected;
    private int offset;

    RawEchoReader(ByteBuffer expectedPayload) {
        this.length = expectedPayload.capacity();
        this.expected = expectedPayload.duplicate();
    }

    @Override
    public int consume(ByteBuffer in) throws IOException {
        int done = 0;
        int limit = in.limit();
        while (in.hasRemaining()) {
            int n = Math.min(length - offset, in.remaining());
            in.limit(in.position() + n);
            expected.limit(offset + n).position(offset);
            int at = in.mismatch(expected);
            in.limit(limit);
            if (at >= 0) {
                throw new IOException("echo differs from the sent bytes at byte " + (offset + at) + " of a message");
            }
            in.position(in.position() + n);
            offset += n;
            if (offset == length) {
                offset = 0;
                done++;
            }
        }
        return done;
    }
}
