package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of a throughput run: keeps {@code window} messages in flight by sending one new
 * frame for every correct echo.
 *
 * <p>All frames are identical, so what is still to be sent is just a byte count ({@code owed})
 * plus the offset inside a frame where the next write starts ({@code phase}). Sending is a
 * single write from the shared template of window + 1 back-to-back frames, which always holds
 * {@code phase + owed} bytes because {@code owed} never exceeds the window.
 */
final class PipelinedConnection {

    private final SocketChannel channel;
    private final ByteBuffer out;
    private final int frameLength;
    private final EchoReader reader;
    private SelectionKey key;
    private long owed;
    private int phase;
    private boolean wantsWrite;

    PipelinedConnection(SocketChannel channel, ByteBuffer template, int frameLength, int window,
                        EchoReader reader) {
        this.channel = channel;
        this.out = template.duplicate();
        this.frameLength = frameLength;
        this.reader = reader;
        this.owed = (long) frameLength * window;
    }

    void attach(SelectionKey key) {
        this.key = key;
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * Reads once into the shared buffer, checks the echoes, and sends as many new frames.
     *
     * @return the number of correct echoes received
     */
    int onReadable(ByteBuffer readBuffer) throws IOException {
        readBuffer.clear();
        if (channel.read(readBuffer) < 0) {
            throw new IOException("server closed a connection during the run");
        }
        readBuffer.flip();
        int echoed = reader.consume(readBuffer);
        if (echoed > 0) {
            owed += (long) echoed * frameLength;
            flush();
        }
        return echoed;
    }

    /** Writes what is owed; asks for OP_WRITE only while the socket buffer is full. */
    void flush() throws IOException {
        if (owed > 0) {
            out.limit(phase + (int) owed).position(phase);
            int written = channel.write(out);
            owed -= written;
            phase = (phase + written) % frameLength;
        }
        boolean blocked = owed > 0;
        if (blocked != wantsWrite) {
            wantsWrite = blocked;
            key.interestOps(blocked ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
