package dev.wsf.api.extension;

/** The next stage of an extension chain: the next extension, the session, or the socket. */
@FunctionalInterface
public interface FrameSink {
    void accept(Frame frame);
}
