package dev.wsf.runtime.session;

import dev.wsf.api.CloseReason;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import dev.wsf.runtime.frame.FrameEncoder;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Frames outgoing messages and queues them on the transport, through the extension chain for
 * data. Enforces the rules of sending: fragments of one message are not interleaved with another
 * data message, control payloads fit in 125 bytes, client frames are masked with fresh keys.
 * Every method must be called with the session's lock held, which keeps frames in call order.
 */
final class Outbound {
    private final Transport transport;
    private final boolean mask;
    private final ExtensionChain chain;
    private Opcode fragmentedType;

    Outbound(Transport transport, boolean mask, ExtensionChain chain) {
        this.transport = transport;
        this.mask = mask;
        this.chain = chain;
    }

    /** Queues a data frame; {@code done} completes once it (and everything before it) is written. */
    void sendData(Opcode type, ByteBuffer payload, boolean last, CompletableFuture<Void> done) {
        if (fragmentedType != null && fragmentedType != type) {
            throw new IllegalStateException("a fragmented " + fragmentedType.name().toLowerCase()
                    + " message is in progress: send its last part before a " + type.name().toLowerCase() + " message");
        }
        Opcode opcode = fragmentedType == null ? type : Opcode.CONTINUATION;
        fragmentedType = last ? null : type;
        if (chain.isEmpty()) {
            writeFrame(opcode, last, 0, payload, done);
        } else {
            chain.outbound(new Frame(opcode, last, 0, payload));
            transport.enqueue(null, null, done); // completes after the chain's output is written
        }
    }

    /** Queues a ping or pong. */
    void sendControl(Opcode opcode, ByteBuffer payload, CompletableFuture<Void> done) {
        if (payload.remaining() > 125) {
            throw new IllegalArgumentException(opcode.name().toLowerCase() + " payload exceeds 125 bytes: "
                    + payload.remaining());
        }
        writeFrame(opcode, true, 0, payload, done);
    }

    /** Queues a close frame; 1005 is sent as an empty payload, as it may not appear on the wire. */
    void sendClose(CloseReason reason) {
        ByteBuffer payload;
        if (reason.code() == CloseReason.NO_STATUS.code()) {
            payload = ByteBuffer.allocate(0);
        } else {
            byte[] text = reason.reason().getBytes(StandardCharsets.UTF_8);
            payload = ByteBuffer.allocate(2 + text.length).putShort((short) reason.code()).put(text).flip();
        }
        writeFrame(Opcode.CLOSE, true, 0, payload, null);
    }

    /** Where outgoing frames leave the extension chain. */
    void write(Frame frame) {
        writeFrame(frame.opcode(), frame.fin(), frame.rsv(), frame.payload(), null);
    }

    private void writeFrame(Opcode opcode, boolean fin, int rsv, ByteBuffer payload, CompletableFuture<Void> done) {
        if (mask) {
            transport.enqueue(FrameEncoder.frame(opcode, fin, rsv, payload, true, MaskKeys.next()), null, done);
        } else if (payload.remaining() <= FrameEncoder.COPY_THRESHOLD || transport.isReadBuffer(payload)) {
            transport.enqueue(FrameEncoder.frame(opcode, fin, rsv, payload, false, 0), null, done);
        } else {
            transport.enqueue(FrameEncoder.header(opcode, fin, rsv, payload.remaining()), payload.duplicate(), done);
        }
    }
}
