package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.Frame;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to compress a message once for every session that agreed on the same permessage-deflate
 * terms without context takeover on our side: with no window carried from one message to the
 * next, the compressed bytes of a message depend only on the message, the level and the window
 * size, so one compressed frame serves them all (RFC 7692 section 7.1.1.1 lets a server grant
 * {@code server_no_context_takeover} unasked; see {@link DeflateSettings#serverNoContextTakeover()}).
 *
 * <p>Sessions with equal {@code SharedCompression}s can share a frame. Each thread keeps its own
 * compressor per set of terms, so compressing never waits for another thread.
 */
public record SharedCompression(int level, int windowBits, int threshold) {
    private static final ThreadLocal<Map<SharedCompression, MessageDeflater>> DEFLATERS =
            ThreadLocal.withInitial(HashMap::new);

    /**
     * The terms a negotiated extension compresses with, if it is our permessage-deflate and
     * keeps no context between outgoing messages; empty otherwise (the session then compresses
     * each message itself).
     */
    public static Optional<SharedCompression> of(Extension extension) {
        return extension instanceof PerMessageDeflate deflate ? deflate.sharedCompression() : Optional.empty();
    }

    /** Whether a message of this many bytes is compressed at all (small single frames are not). */
    public boolean compresses(int payloadBytes) {
        return payloadBytes >= threshold;
    }

    /**
     * The payload of a whole message (position to limit; unchanged), compressed for one frame
     * with RSV1 set.
     */
    public ByteBuffer compress(ByteBuffer payload) {
        return DEFLATERS.get().computeIfAbsent(this, k -> new MessageDeflater(level, true, windowBits))
                .compress(payload, true);
    }

    /** The RSV bit a compressed frame carries. */
    public static int rsv() {
        return Frame.RSV1;
    }
}
