package dev.wsf.runtime.session;

import java.security.SecureRandom;

/**
 * Masking keys for client frames. RFC 6455 section 10.3 asks for keys an attacker cannot predict
 * from earlier ones, so they come from {@link SecureRandom}, drawn in blocks to keep its cost off
 * the per-frame path.
 */
final class MaskKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<MaskKeys> PER_THREAD = ThreadLocal.withInitial(MaskKeys::new);

    private final byte[] block = new byte[256];
    private int next = block.length;

    private MaskKeys() {
    }

    static int next() {
        return PER_THREAD.get().take();
    }

    private int take() {
        if (next == block.length) {
            RANDOM.nextBytes(block);
            next = 0;
        }
        int key = ((block[next] & 0xFF) << 24) | ((block[next + 1] & 0xFF) << 16)
                | ((block[next + 2] & 0xFF) << 8) | (block[next + 3] & 0xFF);
        next += 4;
        return key;
    }
}
