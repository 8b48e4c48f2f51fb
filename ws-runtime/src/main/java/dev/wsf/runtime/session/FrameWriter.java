package dev.wsf.runtime.session;

import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.frame.FrameEncoder;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Puts frames on the transport: masked with a fresh key for a client; for a server, small
 * payloads copied behind their header (one buffer), large ones written from where they are, after
 * a header of their own (a slice of a read buffer is the transport's to copy or write in time).
 * Control frames go ahead of queued data.
 */
final class FrameWriter {
    private final Transport transport;
    private final boolean mask;

    FrameWriter(Transport transport, boolean mask) {
        this.transport = transport;
        this.mask = mask;
    }

    void data(Opcode opcode, boolean fin, int rsv, ByteBuffer payload, CompletableFuture<Void> done) {
        if (mask) {
            transport.enqueue(FrameEncoder.frame(opcode, fin, rsv, payload, true, MaskKeys.next()), null, done);
        } else if (payload.remaining() <= FrameEncoder.COPY_THRESHOLD) {
            transport.enqueue(FrameEncoder.frame(opcode, fin, rsv, payload, false, 0), null, done);
        } else if (transport.isReadBuffer(payload)) {
            transport.enqueueReadSlice(FrameEncoder.header(opcode, fin, rsv, payload.remaining()), payload.duplicate(),
                    done);
        } else {
            transport.enqueue(FrameEncoder.header(opcode, fin, rsv, payload.remaining()), payload.duplicate(), done);
        }
    }

    /** Where outgoing data frames leave the extension chain. */
    void frame(Frame frame) {
        data(frame.opcode(), frame.fin(), frame.rsv(), frame.payload(), null);
    }

    /** A control frame (payload at most 125 bytes), ahead of data not yet started. */
    void urgentControl(Opcode opcode, ByteBuffer payload, CompletableFuture<Void> done) {
        transport.enqueueUrgent(FrameEncoder.frame(opcode, true, 0, payload, mask, mask ? MaskKeys.next() : 0), done);
    }

    /** A control frame in order, behind everything queued before it. */
    void orderedControl(Opcode opcode, ByteBuffer payload) {
        transport.enqueue(FrameEncoder.frame(opcode, true, 0, payload, mask, mask ? MaskKeys.next() : 0), null, null);
    }

    /** Marks the end of what came before: {@code done} completes once all of it is written. */
    void marker(CompletableFuture<Void> done) {
        transport.enqueue(null, null, done);
    }
}
