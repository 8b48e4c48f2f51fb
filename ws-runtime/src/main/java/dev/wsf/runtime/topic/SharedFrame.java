package dev.wsf.runtime.topic;

import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.SharedCompression;
import dev.wsf.runtime.frame.FrameEncoder;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One published message, encoded once: its payload, the whole unmasked frame (header and
 * payload in one buffer) that every plain server session queues as it is, and compressed frames
 * made on first need, one per set of permessage-deflate terms. Immutable once made; every
 * subscriber reads it through a duplicate of its own, so positions never collide.
 */
public final class SharedFrame {
    private final Opcode opcode;
    private final ByteBuffer payload;
    private final ByteBuffer plain;
    private final ConcurrentHashMap<SharedCompression, ByteBuffer> compressed = new ConcurrentHashMap<>(2);

    private SharedFrame(Opcode opcode, ByteBuffer payload) {
        this.opcode = opcode;
        this.payload = payload;
        this.plain = FrameEncoder.frame(opcode, true, 0, payload, false, 0);
    }

    /**
     * A text message; its UTF-8 bytes are encoded once, here.
     *
     * @param text the message
     * @return the message, with its plain frame already built
     */
    public static SharedFrame text(CharSequence text) {
        return new SharedFrame(Opcode.TEXT, java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text)));
    }

    /**
     * A text message whose UTF-8 bytes arrived as such (from another node): taken as they are.
     *
     * @param bytes valid UTF-8, from position to limit; not copied, so not to be changed later
     * @return the message, with its plain frame already built
     */
    public static SharedFrame utf8(ByteBuffer bytes) {
        return new SharedFrame(Opcode.TEXT, bytes);
    }

    /**
     * A binary message: the bytes are copied once, so the publisher may reuse its buffer.
     *
     * @param data the message, from position to limit; left unchanged
     * @return the message, with its plain frame already built
     */
    public static SharedFrame binary(ByteBuffer data) {
        return new SharedFrame(Opcode.BINARY, ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip());
    }

    /**
     * Whether the message is text or binary.
     *
     * @return {@code TEXT} or {@code BINARY}
     */
    public Opcode opcode() {
        return opcode;
    }

    /**
     * The message's payload, for a session that must frame it itself (a client, or other
     * extensions).
     *
     * @return a new duplicate, positioned at the payload's start
     */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /**
     * A copy of the payload's bytes, for a cluster's broker.
     *
     * @return a new array
     */
    public byte[] payloadBytes() {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        return b;
    }

    /**
     * The whole frame, uncompressed and unmasked, as a server sends it.
     *
     * @return a new duplicate of the shared frame, for reading only
     */
    public ByteBuffer plainFrame() {
        return plain.duplicate();
    }

    /**
     * Bytes on the wire of the plain frame.
     *
     * @return header and payload, in bytes
     */
    public int size() {
        return plain.remaining();
    }

    /**
     * The whole frame compressed with {@code terms} (or plain, if the message is too small to
     * compress).
     *
     * @param terms the session's permessage-deflate terms
     * @return a new duplicate of the shared frame; compressed once per terms and kept
     */
    public ByteBuffer frameFor(SharedCompression terms) {
        if (!terms.compresses(payload.remaining())) {
            return plainFrame();
        }
        return compressed.computeIfAbsent(terms, t -> {
            ByteBuffer body = t.compress(payload.duplicate());
            return FrameEncoder.frame(opcode, true, SharedCompression.rsv(), body, false, 0);
        }).duplicate();
    }
}
