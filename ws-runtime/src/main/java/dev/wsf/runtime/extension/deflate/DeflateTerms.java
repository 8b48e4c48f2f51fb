package dev.wsf.runtime.extension.deflate;

import dev.wsf.runtime.extension.SharedCompression;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * How to compress a message once for every session that agreed on the same permessage-deflate
 * terms without context takeover on our side: with no window carried from one message to the
 * next, the compressed bytes of a message depend only on the message, the level and the window
 * size, so one compressed frame serves them all (RFC 7692 section 7.1.1.1 lets a server grant
 * {@code server_no_context_takeover} unasked; see {@link DeflateSettings#serverNoContextTakeover()}).
 *
 * <p>Sessions with equal terms can share a frame. Each thread keeps its own
 * compressor per set of terms, so compressing never waits for another thread.
 */
record DeflateTerms(int level, int windowBits, int threshold) implements SharedCompression {
    private static final ThreadLocal<Map<DeflateTerms, MessageDeflater>> DEFLATERS =
            ThreadLocal.withInitial(HashMap::new);

    /** Whether a message of this many bytes is compressed at all (small single frames are not). */
    @Override
    public boolean compresses(int payloadBytes) {
        return payloadBytes >= threshold;
    }

    /**
     * The payload of a whole message (position to limit; unchanged), compressed for one frame
     * with RSV1 set.
     */
    @Override
    public ByteBuffer compress(ByteBuffer payload) {
        return DEFLATERS.get().computeIfAbsent(this, k -> new MessageDeflater(level, true, windowBits))
                .compress(payload, true);
    }
}
