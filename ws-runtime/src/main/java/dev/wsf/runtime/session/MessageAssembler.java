package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.frame.Utf8Validator;
import dev.wsf.runtime.io.MemoryAccount;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns data frames into the messages an application sees. Enforces the message size limits as
 * each frame header arrives (1009, before anything is buffered), validates text as UTF-8 chunk by
 * chunk (1007 at the first bad byte), and delivers whole messages or parts as configured.
 *
 * <p>A message that arrives in one piece is delivered straight from the input buffer; only
 * messages split across reads or frames are copied, into an {@link Aggregate} that grows with the
 * bytes received. Confined to the session's serial executor.
 */
final class MessageAssembler implements FrameListener {
    private final Callbacks callbacks;
    private final ControlFrameHandler control;
    /** The limits and delivery modes, read where used: copies of them would cost every session 18 bytes. */
    private final SessionSettings settings;
    /** Created by the first text message; let go by {@link #trim()}. */
    private Utf8Validator utf8;

    private boolean text;
    private long messageLength;
    private boolean frameFin;
    /** Created by the first message that arrives in pieces; null until then, like most sessions' lives. */
    private Aggregate aggregate;
    private final MemoryAccount memory;
    /** Partial text: the start of a code point split between chunks (1 to 3 bytes), or null. */
    private byte[] carry;

    private final SessionTraffic traffic;

    MessageAssembler(Callbacks callbacks, ControlFrameHandler control, SessionSettings settings, MemoryAccount memory,
                     SessionTraffic traffic) {
        this.callbacks = callbacks;
        this.traffic = traffic;
        this.memory = memory;
        this.control = control;
        this.settings = settings;
    }

    @Override
    public void onDataFrame(Opcode opcode, boolean fin, int rsv, long length) {
        if (opcode != Opcode.CONTINUATION) {
            text = opcode == Opcode.TEXT;
            messageLength = 0;
            if (text) {
                if (utf8 == null) {
                    utf8 = new Utf8Validator();
                } else {
                    utf8.reset();
                }
            }
        }
        messageLength += length;
        long limit = text ? settings.maxTextMessageSize() : settings.maxBinaryMessageSize();
        if (messageLength > limit) {
            throw new ProtocolViolationException(CloseCode.MESSAGE_TOO_BIG, (text ? "text" : "binary")
                    + " message exceeds the limit of " + limit + " bytes");
        }
        frameFin = fin;
    }

    @Override
    public void onDataPayload(ByteBuffer chunk, boolean frameEnd) {
        boolean messageEnd = frameEnd && frameFin;
        if (text && !chunk.hasArray()) {
            chunk = onHeap(chunk); // validated and decoded as an array; a String copies it anyway
        }
        if (text) {
            if (!utf8.validate(chunk)) {
                throw new ProtocolViolationException(CloseCode.INVALID_PAYLOAD_DATA, "text message is not valid UTF-8");
            }
            if (messageEnd && !utf8.isComplete()) {
                throw new ProtocolViolationException(CloseCode.INVALID_PAYLOAD_DATA, "text message ends inside a UTF-8 sequence");
            }
        }
        if ((text ? settings.textDelivery() : settings.binaryDelivery()) == Delivery.PARTIAL) {
            deliverPart(chunk, messageEnd);
        } else if (messageEnd && (aggregate == null || aggregate.isEmpty())) {
            deliverWhole(chunk);
        } else {
            if (aggregate == null) {
                aggregate = new Aggregate(memory);
            }
            aggregate.append(chunk, messageLength);
            if (messageEnd) {
                deliverWhole(aggregate.take());
            }
        }
    }

    /**
     * Text from a direct buffer is validated and decoded in an array: small chunks in this one,
     * per thread, which is free again before any callback runs (the String, the aggregate and
     * partial delivery each copy what they keep).
     */
    private static final ThreadLocal<ByteBuffer> TEXT_SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(4096));

    private static ByteBuffer onHeap(ByteBuffer direct) {
        int n = direct.remaining();
        ByteBuffer heap = n <= 4096 ? TEXT_SCRATCH.get().clear().limit(n) : ByteBuffer.allocate(n);
        return heap.put(0, direct, direct.position(), n);
    }

    @Override
    public void onControlFrame(Opcode opcode, ByteBuffer payload) {
        control.onControlFrame(opcode, payload);
    }

    private void deliverWhole(ByteBuffer message) {
        traffic.received(!text, message.remaining(), true);
        if (text) {
            callbacks.text(Utf8Text.decode(message));
        } else {
            callbacks.binary(message);
        }
    }

    private void deliverPart(ByteBuffer chunk, boolean last) {
        traffic.received(!text, chunk.remaining(), last);
        if (!text) {
            if (chunk.hasRemaining() || last) {
                callbacks.binaryPart(chunk, last);
            }
            return;
        }
        int carried = carry == null ? 0 : carry.length;
        byte[] bytes = new byte[carried + chunk.remaining()];
        if (carried > 0) {
            System.arraycopy(carry, 0, bytes, 0, carried);
        }
        chunk.duplicate().get(bytes, carried, chunk.remaining());
        int tail = last ? 0 : Utf8Text.incompleteTail(bytes, 0, bytes.length);
        carry = tail > 0 ? Arrays.copyOfRange(bytes, bytes.length - tail, bytes.length) : null;
        int whole = bytes.length - tail;
        if (whole > 0 || last) {
            callbacks.textPart(new String(bytes, 0, whole, java.nio.charset.StandardCharsets.UTF_8), last);
        }
    }

    /** Lets go of what only a message under way needs; between messages, while the session idles. */
    void trim() {
        utf8 = null;
        if (aggregate != null && aggregate.isEmpty()) {
            aggregate = null;
        }
    }

    /** Drops a half-assembled message, e.g. when the session ends. */
    void discard() {
        if (aggregate != null) {
            aggregate.discard();
        }
        carry = null;
    }
}
