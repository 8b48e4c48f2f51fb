package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code permessage-deflate} extension of RFC 7692, on {@link java.util.zip}. Registered for
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 *
 * <h2>Negotiation</h2>
 * As a server it accepts every legal offer and declines, never throws on, an illegal one: an
 * unknown or repeated parameter, a value where none belongs, a window size missing, outside 8 to
 * 15 or with leading zeroes. The response confirms what the client asked for and adds what the
 * {@link DeflateSettings} ask for. As a client it sends one offer built from the settings and
 * fails the handshake on a response that does not answer it. {@link DeflateSettings} describes
 * each parameter.
 *
 * <h2>Window size</h2>
 * {@link java.util.zip.Deflater} cannot be told to use a window smaller than 32 KiB. When we must
 * compress with a smaller one (a client asked our server for {@code server_max_window_bits} below
 * 15, or a server answered our client with {@code client_max_window_bits} below 15), we still
 * accept, and keep the promise: the data is compressed in segments of at most 2<sup>bits</sup>
 * input bytes, each ended by a full flush that discards zlib's history, so no back-reference
 * reaches further than 2<sup>bits</sup> - 1 bytes. That costs compression ratio, the more so the
 * smaller the window, and it means no context takeover in that direction. The 15-bit default path
 * is unaffected. Inbound data needs nothing special: a 32 KiB window inflates any smaller one.
 *
 * <h2>Messages</h2>
 * Single-frame messages below {@link DeflateSettings#compressionThreshold()} go out uncompressed;
 * all others are compressed, fragment by fragment, each fragment flushed so it can be sent at once.
 * Inflated data is passed on in frames of at most 64 KiB and counted against
 * {@link ExtensionContext#maxMessageSize()}: a message that inflates past it fails the connection
 * with 1009 before more than that is produced. Corrupt data fails it with 1007, RSV1 on a
 * continuation frame with 1002. The zlib streams are created on first use and ended by
 * {@link Extension#close()}.
 */
public final class PerMessageDeflateFactory implements ExtensionFactory {
    /** The extension token. */
    public static final String NAME = DeflateParameters.NAME;

    private final DeflateSettings settings;
    private final ClientNegotiation client;

    /** A factory with {@link DeflateSettings#defaults()}. */
    public PerMessageDeflateFactory() {
        this(DeflateSettings.defaults());
    }

    public PerMessageDeflateFactory(DeflateSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new ClientNegotiation(settings);
    }

    public DeflateSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context) {
        return ServerNegotiation.accept(settings, offer)
                .map(agreement -> new PerMessageDeflate(agreement, settings, context));
    }

    @Override
    public List<ExtensionConfig> offers() {
        return client.offers();
    }

    @Override
    public Extension acceptResponse(ExtensionConfig response, ExtensionContext context) {
        return new PerMessageDeflate(client.accept(response), settings, context);
    }

    @Override
    public String toString() {
        return "PerMessageDeflateFactory[" + settings + "]";
    }
}
