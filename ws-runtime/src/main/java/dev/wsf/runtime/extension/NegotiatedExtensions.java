package dev.wsf.runtime.extension;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import java.util.List;
import java.util.Optional;

/**
 * The extensions a handshake agreed on for one connection, in negotiated order: what the session
 * links into its {@link ExtensionChain}, and closes when it ends.
 */
public final class NegotiatedExtensions {
    private static final NegotiatedExtensions NONE = new NegotiatedExtensions(List.of());
    private static final System.Logger LOG = System.getLogger(NegotiatedExtensions.class.getName());

    private final List<Extension> extensions;
    private final int rsvBits;

    private NegotiatedExtensions(List<Extension> extensions) {
        this.extensions = List.copyOf(extensions);
        int bits = 0;
        for (Extension e : extensions) {
            bits |= e.rsvBits();
        }
        this.rsvBits = bits;
    }

    /**
     * No extensions: what a connection has when none was negotiated.
     *
     * @return the shared empty instance
     */
    public static NegotiatedExtensions none() {
        return NONE;
    }

    /**
     * Extensions whose RSV bits are known not to overlap.
     *
     * @param extensions the extensions, in negotiated order; copied
     * @return {@link #none()} for an empty list, otherwise a new instance
     */
    public static NegotiatedExtensions of(List<Extension> extensions) {
        return extensions.isEmpty() ? NONE : new NegotiatedExtensions(extensions);
    }

    /**
     * Whether the connection has no extension.
     *
     * @return true if no extension was negotiated
     */
    public boolean isEmpty() {
        return extensions.isEmpty();
    }

    List<Extension> list() {
        return extensions;
    }

    /**
     * The RSV bits the extensions claim together.
     *
     * @return an OR of {@code Frame.RSV1}, {@code RSV2} and {@code RSV3}; 0 without extensions
     */
    public int rsvBits() {
        return rsvBits;
    }

    /**
     * The negotiated configurations, in order, as the handshake response lists them.
     *
     * @return an immutable list, empty without extensions
     */
    public List<ExtensionConfig> configs() {
        return extensions.stream().map(Extension::config).toList();
    }

    /**
     * How one compressed frame can serve this connection and others: only when the single
     * extension is our permessage-deflate keeping no context between outgoing messages.
     *
     * @return the terms, or empty when each message must be compressed per connection
     */
    public Optional<SharedCompression> sharedCompression() {
        return extensions.size() == 1 ? SharedCompression.of(extensions.get(0)) : Optional.empty();
    }

    /** Closes every extension, even if one fails. */
    public void close() {
        for (Extension e : extensions) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "extension " + e.config().name() + " failed to close", ex);
            }
        }
    }

    @Override
    public String toString() {
        return "NegotiatedExtensions" + configs();
    }
}
