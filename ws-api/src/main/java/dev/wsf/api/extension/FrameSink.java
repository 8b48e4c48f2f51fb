package dev.wsf.api.extension;

/**
 * The next stage of an extension chain: the next extension, the session, or the socket.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FrameSink {
    /**
     * Passes a frame on. Call it from the thread that called the extension, before returning or,
     * for frames held back (e.g. until a message is complete), from a later call of the same
     * direction.
     *
     * @param frame the frame; ownership of its payload follows the rules in {@link Extension}
     */
    void accept(Frame frame);
}
