package dev.wsf.runtime.extension;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.Frame;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Compression terms that several sessions share, so that a broadcast compresses a message once for
 * all of them: see permessage-deflate's implementation. Implementations have value equality, as
 * they key caches of compressed frames.
 */
public interface SharedCompression {

    /**
     * Whether a message of this many bytes is compressed at all (small single frames are not).
     *
     * @param payloadBytes the message's payload size, in bytes
     * @return true if it is compressed, false if it is sent as it is
     */
    boolean compresses(int payloadBytes);

    /**
     * The payload of a whole message (position to limit; unchanged), compressed for one frame
     * with RSV1 set.
     *
     * @param payload the message's payload, read from position to limit and left unchanged
     * @return a new buffer with the compressed payload, ready to read
     */
    ByteBuffer compress(ByteBuffer payload);

    /**
     * The RSV bit a compressed frame carries.
     *
     * @return {@code Frame.RSV1}
     */
    static int rsv() {
        return Frame.RSV1;
    }

    /**
     * The terms a negotiated extension compresses with, if it offers them; empty otherwise (the
     * session then compresses each message itself).
     *
     * @param extension a negotiated extension
     * @return the terms, or empty if the extension does not offer any
     */
    static Optional<SharedCompression> of(Extension extension) {
        return extension instanceof Source source ? source.sharedCompression() : Optional.empty();
    }

    /** An extension whose compression can be shared. */
    interface Source {
        /**
         * The terms, if this extension's output depends on nothing but each message.
         *
         * @return the terms, or empty if the output depends on earlier messages (context takeover)
         */
        Optional<SharedCompression> sharedCompression();
    }
}
