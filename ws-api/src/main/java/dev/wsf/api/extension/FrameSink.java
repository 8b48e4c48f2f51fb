package dev.wsf.api.extension;

/**
 * The next stage of an extension chain: the next extension, the session, or the socket.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FrameSink {
    void accept(Frame frame);
}
