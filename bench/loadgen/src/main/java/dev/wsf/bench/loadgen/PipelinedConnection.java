package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * One connection of a throughput run: keeps {@code window} messages in flight by sending one new
 * message for every correct echo.
 *
 * <p>All messages are identical, so what is still to be sent is just a byte count ({@code owed})
 * plus the offset inside a message where the next write starts ({@code phase}). Sending is a
 * single write from the shared template of window + 1 back-to-back messages, which always holds
 * {@code phase + owed} bytes because {@code owed} never exceeds the window. Over TLS that write
 * encrypts the same slice into as few records as fit.
 */
final class PipelinedConnection {

    private final Link link;
    private final ByteBuffer out;
    private final int messageLength;
    private final Echoes reader;
    private SelectionKey key;
    private long owed;
    private int phase;
    private boolean wantsWrite;

    PipelinedConnection(Link link, ByteBuffer template, int messageLength, int window, Echoes reader) {
        this.link = link;
        this.out = template.duplicate();
        this.messageLength = messageLength;
        this.reader = reader;
        this.owed = (long) messageLength * window;
    }

    void attach(SelectionKey key) {
        this.key = key;
    }

    Link link() {
        return link;
    }

    /**
     * Reads once into the shared buffer (more often only if TLS left whole records behind),
     * checks the echoes, and sends as many new messages.
     *
     * @return the number of correct echoes received
     */
    int onReadable(ByteBuffer readBuffer) throws IOException {
        int echoed = 0;
        do {
            readBuffer.clear();
            if (link.read(readBuffer) < 0) {
                throw new IOException("server closed a connection during the run");
            }
            readBuffer.flip();
            echoed += reader.consume(readBuffer);
        } while (link.hasBufferedInput());
        if (echoed > 0) {
            owed += (long) echoed * messageLength;
            flush();
        }
        return echoed;
    }

    /** Writes what is owed; asks for OP_WRITE only while the socket buffer is full. */
    void flush() throws IOException {
        if (owed > 0) {
            out.limit(phase + (int) owed).position(phase);
            int written = link.write(out);
            owed -= written;
            phase = (phase + written) % messageLength;
        } else {
            link.flush();
        }
        boolean blocked = owed > 0 || link.hasPendingOutput();
        if (blocked != wantsWrite) {
            wantsWrite = blocked;
            key.interestOps(blocked ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
