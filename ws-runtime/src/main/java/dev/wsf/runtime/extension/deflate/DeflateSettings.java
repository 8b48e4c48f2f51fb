package dev.wsf.runtime.extension.deflate;

import java.util.zip.Deflater;

/**
 * How {@link PerMessageDeflateFactory} negotiates and compresses. Immutable and thread-safe; build
 * one with {@link #builder()} or take {@link #defaults()}.
 *
 * <p>Each negotiation setting names an RFC 7692 parameter and means the same thing in both roles:
 * a client puts it in its offer, a server puts it in every response.
 * <ul>
 *   <li>{@link #serverNoContextTakeover()}: the server starts every message with an empty
 *   compression window. A client requests it (and refuses a response that does not confirm it);
 *   a server grants it unasked.</li>
 *   <li>{@link #clientNoContextTakeover()}: the same for what the client sends. A client promises
 *   it (and keeps the promise whatever the response says); a server requires it.</li>
 *   <li>{@link #serverMaxWindowBits()}: the largest window the server compresses with. Below 15,
 *   a client requests it (our inflater gains nothing from it, and a server that cannot limit its
 *   window declines the offer); a server announces it.</li>
 *   <li>{@link #clientMaxWindowBits()}: the largest window the client compresses with. Below 15,
 *   a client offers {@code client_max_window_bits} with this value; a server asks for it when the
 *   offer allows. Our inflater always allocates a 32 KiB window, so asking only saves memory on
 *   the peer. See also {@link #offerClientMaxWindowBits()}.</li>
 * </ul>
 * Whatever the settings, a server accepts every legal offer: what a client asks for is granted.
 *
 * <h2>Memory</h2>
 * With context takeover a connection keeps its zlib streams from its first compressed message
 * to its end: some 256 KiB of native memory to compress and 40 KiB to inflate, whatever the level
 * (the JDK fixes zlib's window and memory level). Without it, streams are borrowed from a small
 * shared pool only while a message passes, and an idle connection holds none. {@link #lean()}
 * asks for that both ways; {@link #maxContextTakeoverSessions()} gives it to the sessions beyond a
 * server-wide count. Lean messages compress worse: every message starts from an empty window, so
 * what repeats across messages (JSON field names, say) is not found.
 *
 * @since 0.1
 */
public final class DeflateSettings {
    /**
     * Single-frame messages shorter than this many bytes are sent uncompressed by default. Measured
     * on chat-like JSON: without context takeover, deflate makes messages under about 48 bytes
     * larger and barely shrinks those under 128; with it, even 16-byte messages shrink, but by a
     * few bytes each for several microseconds of CPU. 64 keeps nearly all of the gain.
     */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 64;

    /**
     * The default {@link #maxContextTakeoverSessions()}: at up to some 300 KiB of native zlib
     * state each (about 70 KB resident once a small message has passed each way, more as the
     * window fills), about 300 MiB at most, outside the heap and its memory budget. Without a cap, peers
     * that each send one compressed message could make a server hold any amount.
     */
    public static final int DEFAULT_MAX_CONTEXT_TAKEOVER_SESSIONS = 1024;

    static final int MIN_WINDOW_BITS = 8;
    static final int MAX_WINDOW_BITS = 15;

    private static final DeflateSettings DEFAULTS = builder().build();
    private static final DeflateSettings LEAN = builder().serverNoContextTakeover(true).clientNoContextTakeover(true).build();

    private final int compressionLevel;
    private final int compressionThreshold;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final int serverMaxWindowBits;
    private final int clientMaxWindowBits;
    private final boolean offerClientMaxWindowBits;
    private final int maxContextTakeoverSessions;

    private DeflateSettings(Builder b) {
        this.compressionLevel = b.compressionLevel;
        this.compressionThreshold = b.compressionThreshold;
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
        this.serverMaxWindowBits = b.serverMaxWindowBits;
        this.clientMaxWindowBits = b.clientMaxWindowBits;
        this.offerClientMaxWindowBits = b.offerClientMaxWindowBits;
        this.maxContextTakeoverSessions = b.maxContextTakeoverSessions;
    }

    /**
     * Level {@link Deflater#DEFAULT_COMPRESSION}, threshold {@value #DEFAULT_COMPRESSION_THRESHOLD}
     * bytes, context takeover allowed both ways, 15-bit windows: the offer is
     * {@code permessage-deflate; client_max_window_bits}.
     *
     * @return the shared default settings
     */
    public static DeflateSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults, but with no context takeover either way: a server answers
     * {@code server_no_context_takeover} and {@code client_no_context_takeover} to every offer
     * (RFC 7692 section 7.1.1 lets it add both unasked); a client requests both. An idle connection
     * then holds no zlib state, at the cost of compression ratio on messages that resemble each
     * other.
     *
     * @return the shared lean settings
     */
    public static DeflateSettings lean() {
        return LEAN;
    }

    /**
     * Starts from the defaults.
     *
     * @return a new builder holding the {@link #defaults()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings.
     *
     * @return a new builder; changing it leaves these settings as they are
     */
    public Builder toBuilder() {
        return new Builder()
                .compressionLevel(compressionLevel)
                .compressionThreshold(compressionThreshold)
                .serverNoContextTakeover(serverNoContextTakeover)
                .clientNoContextTakeover(clientNoContextTakeover)
                .serverMaxWindowBits(serverMaxWindowBits)
                .clientMaxWindowBits(clientMaxWindowBits)
                .offerClientMaxWindowBits(offerClientMaxWindowBits)
                .maxContextTakeoverSessions(maxContextTakeoverSessions);
    }

    /**
     * The {@link Deflater} level: -1 (zlib's default, 6) or 0 to 9.
     *
     * @return the level: -1 or 0 to 9
     */
    public int compressionLevel() {
        return compressionLevel;
    }

    /**
     * Single-frame messages with fewer payload bytes than this are sent uncompressed (RSV1
     * clear). Fragmented messages are always compressed: their size is not known up front.
     *
     * @return the threshold, in bytes; 0 or more
     */
    public int compressionThreshold() {
        return compressionThreshold;
    }

    /**
     * Whether the server starts every message with an empty window; see the class description.
     *
     * @return true to request (client) or grant (server) it; false by default
     */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /**
     * Whether the client starts every message with an empty window; see the class description.
     *
     * @return true to promise (client) or require (server) it; false by default
     */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /**
     * 8 to 15; 15 means no limit beyond the format's own.
     *
     * @return the base-2 logarithm of the server's largest window; 15 by default
     */
    public int serverMaxWindowBits() {
        return serverMaxWindowBits;
    }

    /**
     * 8 to 15; 15 means no limit beyond the format's own.
     *
     * @return the base-2 logarithm of the client's largest window; 15 by default
     */
    public int clientMaxWindowBits() {
        return clientMaxWindowBits;
    }

    /**
     * Client side: whether the offer carries {@code client_max_window_bits}, which lets the server
     * shrink our window (costing compression ratio, see {@link PerMessageDeflateFactory}). It is
     * always carried, with its value, when {@link #clientMaxWindowBits()} is below 15.
     *
     * @return true, the default, to carry it even at 15
     */
    public boolean offerClientMaxWindowBits() {
        return offerClientMaxWindowBits;
    }

    /**
     * Server side: how many sessions of one factory may keep compression context at once. Sessions
     * accepted beyond it are answered as with {@link #lean()}, whatever the defaults say, until
     * earlier ones close. Default {@value #DEFAULT_MAX_CONTEXT_TAKEOVER_SESSIONS};
     * {@link Integer#MAX_VALUE} means no cap.
     *
     * @return the cap, 0 or more
     */
    public int maxContextTakeoverSessions() {
        return maxContextTakeoverSessions;
    }

    @Override
    public String toString() {
        return "DeflateSettings[level=" + compressionLevel + ", threshold=" + compressionThreshold
                + ", serverNoContextTakeover=" + serverNoContextTakeover
                + ", clientNoContextTakeover=" + clientNoContextTakeover
                + ", serverMaxWindowBits=" + serverMaxWindowBits
                + ", clientMaxWindowBits=" + clientMaxWindowBits
                + ", offerClientMaxWindowBits=" + offerClientMaxWindowBits
                + ", maxContextTakeoverSessions=" + maxContextTakeoverSessions + "]";
    }

    /** Builds {@link DeflateSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
        private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;
        private int serverMaxWindowBits = MAX_WINDOW_BITS;
        private int clientMaxWindowBits = MAX_WINDOW_BITS;
        private boolean offerClientMaxWindowBits = true;
        private int maxContextTakeoverSessions = DEFAULT_MAX_CONTEXT_TAKEOVER_SESSIONS;

        private Builder() {
        }

        /**
         * The {@link Deflater} level; -1 by default (zlib's default, 6).
         *
         * @param level -1, or 0 (no compression) to 9 (best, slowest)
         * @return this builder
         * @throws IllegalArgumentException unless -1 or 0 to 9
         */
        public Builder compressionLevel(int level) {
            if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
                throw new IllegalArgumentException("compression level must be -1 or 0 to 9: " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * Single-frame messages with fewer payload bytes than this are sent uncompressed;
         * {@value #DEFAULT_COMPRESSION_THRESHOLD} by default.
         *
         * @param bytes the threshold, in bytes; 0 compresses every message
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder compressionThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("compression threshold must not be negative: " + bytes);
            }
            this.compressionThreshold = bytes;
            return this;
        }

        /**
         * Sets {@link DeflateSettings#serverNoContextTakeover()}; false by default.
         *
         * @param value true to start the server's every message with an empty window
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean value) {
            this.serverNoContextTakeover = value;
            return this;
        }

        /**
         * Sets {@link DeflateSettings#clientNoContextTakeover()}; false by default.
         *
         * @param value true to start the client's every message with an empty window
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean value) {
            this.clientNoContextTakeover = value;
            return this;
        }

        /**
         * Sets {@link DeflateSettings#serverMaxWindowBits()}; 15 by default.
         *
         * @param bits the base-2 logarithm of the window size, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException unless 8 to 15
         */
        public Builder serverMaxWindowBits(int bits) {
            this.serverMaxWindowBits = checkWindowBits("server", bits);
            return this;
        }

        /**
         * Sets {@link DeflateSettings#clientMaxWindowBits()}; 15 by default.
         *
         * @param bits the base-2 logarithm of the window size, 8 to 15
         * @return this builder
         * @throws IllegalArgumentException unless 8 to 15
         */
        public Builder clientMaxWindowBits(int bits) {
            this.clientMaxWindowBits = checkWindowBits("client", bits);
            return this;
        }

        /**
         * Sets {@link DeflateSettings#offerClientMaxWindowBits()}; true by default.
         *
         * @param value false to leave the parameter out of a client's offer at 15 bits
         * @return this builder
         */
        public Builder offerClientMaxWindowBits(boolean value) {
            this.offerClientMaxWindowBits = value;
            return this;
        }

        /**
         * Sets {@link DeflateSettings#maxContextTakeoverSessions()};
         * {@value #DEFAULT_MAX_CONTEXT_TAKEOVER_SESSIONS} by default.
         *
         * @param sessions the cap; 0 makes every session lean, {@link Integer#MAX_VALUE} means none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxContextTakeoverSessions(int sessions) {
            if (sessions < 0) {
                throw new IllegalArgumentException("max context takeover sessions must not be negative: " + sessions);
            }
            this.maxContextTakeoverSessions = sessions;
            return this;
        }

        /**
         * The settings set so far.
         *
         * @return immutable settings; the builder may go on
         */
        public DeflateSettings build() {
            return new DeflateSettings(this);
        }

        private static int checkWindowBits(String side, int bits) {
            if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
                throw new IllegalArgumentException(side + " max window bits must be 8 to 15: " + bits);
            }
            return bits;
        }
    }
}
