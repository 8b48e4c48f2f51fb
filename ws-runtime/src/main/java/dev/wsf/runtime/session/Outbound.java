package dev.wsf.runtime.session;

import dev.wsf.api.CloseReason;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Frames outgoing messages, through the extension chain for data. Enforces the rules of sending:
 * fragments of one message are not interleaved with another data message, control payloads fit
 * in 125 bytes. Every method must be called with the session's lock held, which keeps frames in
 * call order.
 */
final class Outbound {
    private final FrameWriter writer;
    private final ExtensionChain chain; // null without extensions
    private Opcode fragmentedType;

    Outbound(FrameWriter writer, ExtensionChain chain) {
        this.writer = writer;
        this.chain = chain;
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
            writer.data(opcode, last, 0, payload, done);
        } else {
            try {
                chain.outbound(new Frame(opcode, last, 0, payload));
            } catch (RuntimeException e) {
                throw new ExtensionFault(e);
            }
            writer.marker(done); // completes after the chain's output is written
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
        writer.urgentControl(opcode, payload, done);
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
            writer.urgentControl(Opcode.CLOSE, payload, null);
        } else {
            writer.orderedControl(Opcode.CLOSE, payload);
        }
    }
}
