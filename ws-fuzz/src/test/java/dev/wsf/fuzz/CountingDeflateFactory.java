package dev.wsf.fuzz;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import java.util.List;
import java.util.Optional;

/**
 * permessage-deflate as the runtime ships it, counting the bytes it inflates. The allocation
 * budget of a compressed stream depends on how much it legitimately inflates to, which only the
 * extension knows; this wrapper learns it through the public SPI without touching the runtime.
 */
final class CountingDeflateFactory implements ExtensionFactory {
    private final PerMessageDeflateFactory delegate = new PerMessageDeflateFactory();
    private long inflated;

    /** Bytes passed on by every extension this factory created, since the last reset. */
    long inflatedBytes() {
        return inflated;
    }

    void reset() {
        inflated = 0;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context) {
        return delegate.acceptOffer(offer, context).map(Counting::new);
    }

    @Override
    public List<ExtensionConfig> offers() {
        return delegate.offers();
    }

    @Override
    public Extension acceptResponse(ExtensionConfig response, ExtensionContext context) {
        return new Counting(delegate.acceptResponse(response, context));
    }

    private final class Counting implements Extension {
        private final Extension inner;

        Counting(Extension inner) {
            this.inner = inner;
        }

        @Override
        public ExtensionConfig config() {
            return inner.config();
        }

        @Override
        public int rsvBits() {
            return inner.rsvBits();
        }

        @Override
        public void onInboundFrame(Frame frame, FrameSink next) {
            inner.onInboundFrame(frame, out -> {
                inflated += out.payload().remaining();
                next.accept(out);
            });
        }

        @Override
        public void onOutboundFrame(Frame frame, FrameSink next) {
            inner.onOutboundFrame(frame, next);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
