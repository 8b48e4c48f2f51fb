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
        CompressionObserver NONE = (original, compressed) -> { };

        void compressed(long originalBytes, long compressedBytes);
    }

    public ExtensionContext {
        java.util.Objects.requireNonNull(compression, "compression");
    }

    /** A context whose compression is observed by nobody. */
    public ExtensionContext(long maxMessageSize) {
        this(maxMessageSize, CompressionObserver.NONE);
    }
}
