package dev.wsf.runtime.extension;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import java.util.List;

/**
 * One connection's extensions linked to where frames go when they leave them, built once and
 * never changed, so that a frame passes through without allocating. Outgoing frames visit the
 * extensions in negotiated order, incoming ones in reverse (RFC 6455 section 9.1).
 */
public final class ExtensionChain {
    private final FrameSink inboundHead;
    private final FrameSink outboundHead;
    private final int rsvBits;

    /**
     * @param inboundEnd  where incoming frames go after the last extension: the message assembler
     * @param outboundEnd where outgoing frames go after the last extension: the socket
     * @param negotiated the connection's extensions, in negotiated order
     */
    public ExtensionChain(NegotiatedExtensions negotiated, FrameSink inboundEnd, FrameSink outboundEnd) {
        List<Extension> extensions = negotiated.list();
        this.rsvBits = negotiated.rsvBits();
        FrameSink in = inboundEnd;
        for (Extension e : extensions) {
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

    /**
     * The RSV bits the chain's extensions use, which incoming frames may therefore have set.
     *
     * @return the bits, as in {@link NegotiatedExtensions#rsvBits()}
     */
    public int rsvBits() {
        return rsvBits;
    }

    /**
     * Passes an incoming frame through the extensions, last first, to the message assembler.
     *
     * @param frame a frame as read from the socket
     */
    public void inbound(Frame frame) {
        inboundHead.accept(frame);
    }

    /**
     * Passes an outgoing frame through the extensions, first first, to the socket.
     *
     * @param frame a frame of an outgoing message
     */
    public void outbound(Frame frame) {
        outboundHead.accept(frame);
    }
}
