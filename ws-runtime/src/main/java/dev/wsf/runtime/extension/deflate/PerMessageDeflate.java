package dev.wsf.runtime.extension.deflate;

import dev.wsf.runtime.extension.SharedCompression;
import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * permessage-deflate on one connection (RFC 7692 sections 6 and 7.2): RSV1 marks the first frame
 * of a compressed message. Inbound and outbound state are kept apart, as the {@link Extension}
 * threading rules require; see {@link PerMessageDeflateFactory} for the behaviour in full.
 */
final class PerMessageDeflate implements Extension, SharedCompression.Source {
    private final ExtensionConfig config;
    private final int compressionThreshold;
    private final Optional<SharedCompression> shared;
    private final MessageDeflater deflater;
    private final MessageInflater inflater;

    // Inbound thread only: the message being received.
    private boolean inMessage;
    private boolean inCompressed;

    // Outbound thread only: whether a compressed message has frames still to come.
    private boolean outMessage;

    private final ExtensionContext.CompressionObserver observer;
    /** Run once when closed: gives back the factory's count of sessions holding context. */
    private final Runnable onClose;

    /** @param onClose run by {@link #close()}; it must tolerate being run more than once */
    PerMessageDeflate(DeflateAgreement agreement, DeflateSettings settings, ExtensionContext context,
                      Runnable onClose) {
        this.onClose = onClose;
        this.observer = context.compression();
        long maxMessageSize = context.maxMessageSize();
        this.config = agreement.response();
        this.compressionThreshold = settings.compressionThreshold();
        this.deflater = new MessageDeflater(settings.compressionLevel(), agreement.localNoContextTakeover(),
                agreement.localMaxWindowBits());
        this.inflater = new MessageInflater(agreement.remoteNoContextTakeover(), maxMessageSize);
        this.shared = agreement.localNoContextTakeover()
                ? Optional.of(new DeflateTerms(settings.compressionLevel(), agreement.localMaxWindowBits(),
                        compressionThreshold))
                : Optional.empty();
    }

    /** How a message can be compressed once for many sessions, if this side keeps no context. */
    @Override
    public Optional<SharedCompression> sharedCompression() {
        return shared;
    }

    @Override
    public ExtensionConfig config() {
        return config;
    }

    @Override
    public int rsvBits() {
        return Frame.RSV1;
    }

    /**
     * @throws CloseException 1002 for RSV1 on a continuation frame (section 6.1) or a frame out of
     *                        message order, 1007 for corrupt data, 1009 for a message inflating
     *                        past the limit
     */
    @Override
    public void onInboundFrame(Frame frame, FrameSink next) {
        boolean rsv1 = (frame.rsv() & Frame.RSV1) != 0;
        if (frame.isFirst()) {
            if (inMessage) {
                throw protocolError("a new message started before the previous one ended");
            }
            inCompressed = rsv1;
        } else {
            if (rsv1) {
                throw protocolError("RSV1 set on a continuation frame");
            }
            if (!inMessage) {
                throw protocolError("continuation frame without a message to continue");
            }
        }
        inMessage = !frame.fin();
        if (inCompressed) {
            inflater.inflate(frame, next);
        } else {
            next.accept(frame);
        }
    }

    /**
     * Compresses every message except single-frame ones under the threshold, which are passed on
     * uncompressed. Outbound payloads belong to the caller, so those are copied too.
     */
    @Override
    public void onOutboundFrame(Frame frame, FrameSink next) {
        ByteBuffer payload = frame.payload();
        if (frame.isFirst()) {
            if (outMessage) {
                throw new IllegalStateException("a new message started before the previous one ended");
            }
            if (frame.fin() && payload.remaining() < compressionThreshold) {
                next.accept(frame.with(frame.rsv(), copy(payload)));
                return;
            }
            outMessage = !frame.fin();
            ByteBuffer compressed = deflater.compress(payload, frame.fin());
            observer.compressed(payload.remaining(), compressed.remaining());
            next.accept(frame.with(frame.rsv() | Frame.RSV1, compressed));
        } else {
            if (!outMessage) {
                throw new IllegalStateException("continuation frame without a message to continue");
            }
            outMessage = !frame.fin();
            ByteBuffer compressed = deflater.compress(payload, frame.fin());
            observer.compressed(payload.remaining(), compressed.remaining());
            next.accept(frame.with(frame.rsv() & ~Frame.RSV1, compressed));
        }
    }

    /** Whether a zlib stream is held now, in either direction: for tests. */
    boolean holdsZlibState() {
        return deflater.holdsStream() || inflater.holdsStream();
    }

    /** Ends the native zlib streams, or gives borrowed ones back. */
    @Override
    public void close() {
        try {
            deflater.close();
        } finally {
            try {
                inflater.close();
            } finally {
                onClose.run();
            }
        }
    }

    /** The negotiated parameters and where each direction is, for debug logs. */
    @Override
    public String toString() {
        String inbound = !inMessage ? "idle" : inCompressed ? "in compressed message" : "in plain message";
        String outbound = outMessage ? "in compressed message" : "idle";
        return "PerMessageDeflate[" + config + ", inbound " + inbound + ", outbound " + outbound + "]";
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        int start = payload.position();
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        payload.position(start);
        return copy;
    }

    private static CloseException protocolError(String message) {
        return new ProtocolViolationException(CloseCode.PROTOCOL_ERROR, message);
    }
}
