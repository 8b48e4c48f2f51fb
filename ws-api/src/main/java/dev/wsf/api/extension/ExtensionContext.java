package dev.wsf.api.extension;

/**
 * What an extension needs to know about the connection it serves. (Whether it runs in a server
 * or a client follows from which {@link ExtensionFactory} method created it.)
 *
 * @param maxMessageSize the largest message, in bytes, the application accepts; an extension
 *                       that expands data (a decompressor) must fail with close code 1009 once a
 *                       message would exceed it, before allocating that much
 * @param compression    told how much a compressing extension saved, for the server's metrics
 *
 * @since 0.1
 */
public record ExtensionContext(long maxMessageSize, CompressionObserver compression) {
    /** Told the sizes of each message before and after compression. Must be fast; must not throw. */
    @FunctionalInterface
    public interface CompressionObserver {
        /** Ignores every report. */
        CompressionObserver NONE = (original, compressed) -> { };

        /**
         * Reports one compressed frame; a message sent in several frames is reported frame by
         * frame (the bundled permessage-deflate does so).
         *
         * @param originalBytes the payload's size before compression, in bytes
         * @param compressedBytes its size after compression, in bytes
         */
        void compressed(long originalBytes, long compressedBytes);
    }

    /**
     * Creates a context.
     *
     * @param maxMessageSize the largest message, in bytes, the application accepts
     * @param compression told the sizes of each compressed frame
     * @throws NullPointerException if {@code compression} is null
     */
    public ExtensionContext {
        java.util.Objects.requireNonNull(compression, "compression");
    }

    /**
     * A context whose compression is observed by nobody.
     *
     * @param maxMessageSize the largest message, in bytes, the application accepts
     */
    public ExtensionContext(long maxMessageSize) {
        this(maxMessageSize, CompressionObserver.NONE);
    }
}
