package dev.wsf.runtime.extension;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import java.util.List;

/**
 * The extensions negotiated for one connection, linked once so that a frame passes through them
 * without allocating. Outgoing frames visit them in negotiated order, incoming ones in reverse
 * (RFC 6455 section 9.1).
 */
public final class ExtensionChain implements AutoCloseable {
    private static final ExtensionChain EMPTY = new ExtensionChain(List.of());

    private final List<Extension> extensions;
    private final int rsvBits;
    private FrameSink inboundEnd;
    private FrameSink outboundEnd;
    private FrameSink inboundHead;
    private FrameSink outboundHead;

    private ExtensionChain(List<Extension> extensions) {
        this.extensions = List.copyOf(extensions);
        int bits = 0;
        for (Extension e : extensions) {
            bits |= e.rsvBits();
        }
        this.rsvBits = bits;
    }

    public static ExtensionChain empty() {
        return EMPTY;
    }

    /** A chain of extensions whose RSV bits are known not to overlap. */
    public static ExtensionChain of(List<Extension> extensions) {
        return extensions.isEmpty() ? EMPTY : new ExtensionChain(extensions);
    }

    public boolean isEmpty() {
        return extensions.isEmpty();
    }

    /** The RSV bits the extensions claim together. */
    public int rsvBits() {
        return rsvBits;
    }

    /** The negotiated configurations, in order, as the handshake response lists them. */
    public List<ExtensionConfig> configs() {
        return extensions.stream().map(Extension::config).toList();
    }

    /**
     * Links the chain to where frames go when they leave it: the message assembler inbound, the
     * socket outbound. Called once, before the first frame.
     */
    public void connect(FrameSink inboundEnd, FrameSink outboundEnd) {
        this.inboundEnd = inboundEnd;
        this.outboundEnd = outboundEnd;
        FrameSink in = inboundEnd;
        for (int i = 0; i < extensions.size(); i++) {
            Extension e = extensions.get(i);
            FrameSink next = in;
            in = frame -> e.onInboundFrame(frame, next);
        }
        this.inboundHead = in;
        FrameSink out = outboundEnd;
        for (int i = extensions.size() - 1; i >= 0; i--) {
            Extension e = extensions.get(i);
            FrameSink next = out;
            out = frame -> e.onOutboundFrame(frame, next);
        }
        this.outboundHead = out;
    }

    public void inbound(Frame frame) {
        inboundHead.accept(frame);
    }

    public void outbound(Frame frame) {
        outboundHead.accept(frame);
    }

    /** Closes every extension, even if one fails. */
    @Override
    public void close() {
        for (Extension e : extensions) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                System.getLogger(ExtensionChain.class.getName())
                        .log(System.Logger.Level.WARNING, "extension " + e.config().name() + " failed to close", ex);
            }
        }
    }

    @Override
    public String toString() {
        return "ExtensionChain" + configs() + (inboundEnd == null || outboundEnd == null ? " (unconnected)" : "");
    }
}
