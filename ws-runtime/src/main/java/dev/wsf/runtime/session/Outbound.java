package dev.wsf.runtime.session;

import dev.wsf.api.CloseReason;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.frame.FrameEncoder;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Frames outgoing messages, through the extension chain for data, and puts the frames on the
 * transport. Enforces the rules of sending: fragments of one message are not interleaved with
 * another data message, control payloads fit in 125 bytes. Every method must be called with the
 * session's lock held, which keeps frames in call order.
 *
 * <p>On the wire: masked with a fresh key for a client; for a server, small payloads copied behind
 * their header (one buffer), large ones written from where they are, after a header of their own
 * (a slice of a read buffer is the transport's to copy or write in time). Control frames go ahead
 * of queued data.
 */
final class Outbound {
    private final Transport transport;
    private final ExtensionChain chain; // null without extensions
    private final boolean mask;
    private Opcode fragmentedType;

    /**
     * @param transport  where frames go
     * @param mask       whether frames are masked: a client's are
     * @param extensions the extensions agreed; with some, this makes the session's chain, whose
     *                   incoming frames end at {@code assembler} (made only then: a plain session's
     *                   parts hold no lambda for a chain it lacks)
     * @param assembler  where incoming frames go after the chain's last extension
     */
    Outbound(Transport transport, boolean mask, NegotiatedExtensions extensions, FrameListener assembler) {
        this.transport = transport;
        this.mask = mask;
        this.chain = extensions.isEmpty() ? null
                : new ExtensionChain(extensions, frame -> FrameCollector.deliver(assembler, frame), this::frame);
    }

    /** The session's extension chain, which incoming frames pass too; null without extensions. */
    ExtensionChain chain() {
        return chain;
    }

    /** An extension threw while framing a message: its state is unknown, the session must end. */
    static final class ExtensionFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExtensionFault(RuntimeException cause) {
            super(cause);
        }
    }

    /**
     * Queues a data frame; {@code done} completes once it (and everything before it) is written.
     * A {@code whole} message (sent in one call) may not follow the unfinished part of another:
     * appended as that message's last part, it would reach the peer merged into it.
     *
     * @throws IllegalStateException if another data message is in the middle of being sent
     * @throws ExtensionFault        if an extension failed
     */
    void sendData(Opcode type, ByteBuffer payload, boolean last, boolean whole, CompletableFuture<Void> done) {
        if (fragmentedType != null && (whole || fragmentedType != type)) {
            throw new IllegalStateException("a fragmented " + fragmentedType.name().toLowerCase()
                    + " message is in progress: send its last part before a " + type.name().toLowerCase() + " message");
        }
        Opcode opcode = fragmentedType == null ? type : Opcode.CONTINUATION;
        fragmentedType = last ? null : type;
        if (chain == null) {
            data(opcode, last, 0, payload, done);
        } else {
            try {
                chain.outbound(new Frame(opcode, last, 0, payload));
            } catch (RuntimeException e) {
                throw new ExtensionFault(e);
            }
            transport.enqueue(null, null, done); // a marker: completes after the chain's output is written
        }
    }

    /** Whether a fragmented message is in the middle of being sent: no other data frame may come now. */
    boolean midMessage() {
        return fragmentedType != null;
    }

    /** Queues a ping or pong ahead of data not yet started. */
    void sendControl(Opcode opcode, ByteBuffer payload, CompletableFuture<Void> done) {
        if (payload.remaining() > 125) {
            throw new IllegalArgumentException(opcode.name().toLowerCase() + " payload exceeds 125 bytes: "
                    + payload.remaining());
        }
        urgentControl(opcode, payload, done);
    }

    /**
     * Queues a close frame, behind the messages queued before it or ahead of them; 1005 is sent as
     * an empty payload, as it may not appear on the wire.
     */
    void sendClose(CloseReason reason, boolean urgently) {
        ByteBuffer payload;
        if (reason.code() == CloseReason.NO_STATUS.code()) {
            payload = ByteBuffer.allocate(0);
        } else {
            byte[] text = CloseFrames.fitReason(reason.reason()).getBytes(StandardCharsets.UTF_8);
            payload = ByteBuffer.allocate(2 + text.length).putShort((short) reason.code()).put(text).flip();
        }
        if (urgently) {
            urgentControl(Opcode.CLOSE, payload, null);
        } else {
            transport.enqueue(FrameEncoder.frame(Opcode.CLOSE, true, 0, payload, mask, mask ? MaskKeys.next() : 0),
                    null, null); // in order, behind everything queued before it
        }
    }

    private void data(Opcode opcode, boolean fin, int rsv, ByteBuffer payload, CompletableFuture<Void> done) {
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
    private void frame(Frame frame) {
        data(frame.opcode(), frame.fin(), frame.rsv(), frame.payload(), null);
    }

    /** A control frame (payload at most 125 bytes), ahead of data not yet started. */
    private void urgentControl(Opcode opcode, ByteBuffer payload, CompletableFuture<Void> done) {
        transport.enqueueUrgent(FrameEncoder.frame(opcode, true, 0, payload, mask, mask ? MaskKeys.next() : 0), done);
    }
}
