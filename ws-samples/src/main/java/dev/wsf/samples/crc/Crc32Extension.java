package dev.wsf.samples.crc;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;

/**
 * {@code x-wsf-crc32} on one connection (see {@link Crc32ExtensionFactory} for the format).
 * Inbound and outbound calls may run at the same time on different threads, so each direction
 * has its own object and they share nothing.
 */
final class Crc32Extension implements Extension {
    private static final ExtensionConfig CONFIG = ExtensionConfig.of(Crc32ExtensionFactory.NAME);

    private final CrcAppender outbound = new CrcAppender();
    private final CrcVerifier inbound = new CrcVerifier();

    @Override
    public ExtensionConfig config() {
        return CONFIG;
    }

    @Override
    public int rsvBits() {
        return Frame.RSV2;
    }

    @Override
    public void onInboundFrame(Frame frame, FrameSink next) {
        inbound.accept(frame, next);
    }

    @Override
    public void onOutboundFrame(Frame frame, FrameSink next) {
        outbound.accept(frame, next);
    }
}
