package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 *
 * <h2>Memory</h2>
 * A direction with context takeover keeps its zlib stream for the whole connection; one without
 * borrows a stream per message from a pool shared by all connections. As a server, the factory
 * counts the sessions it accepted that keep context in either direction; once
 * {@link DeflateSettings#maxContextTakeoverSessions()} hold it, new sessions are answered as with
 * {@link DeflateSettings#lean()}. See {@link DeflateSettings} for the costs.
 *
 * @since 0.1
 */
public final class PerMessageDeflateFactory implements ExtensionFactory {
    /** The extension token. */
    public static final String NAME = DeflateParameters.NAME;
    private static final System.Logger LOG = System.getLogger(PerMessageDeflateFactory.class.getName());

    private final DeflateSettings settings;
    private final DeflateSettings leanSettings;
    private final ClientNegotiation client;
    private final AtomicInteger contextSessions = new AtomicInteger();
    private final AtomicBoolean capReported = new AtomicBoolean();

    /** A factory with {@link DeflateSettings#defaults()}. */
    public PerMessageDeflateFactory() {
        this(DeflateSettings.defaults());
    }

    /**
     * A factory with these settings.
     *
     * @param settings how to negotiate and compress
     * @throws NullPointerException if {@code settings} is null
     */
    public PerMessageDeflateFactory(DeflateSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.leanSettings = settings.toBuilder().serverNoContextTakeover(true).clientNoContextTakeover(true).build();
        this.client = new ClientNegotiation(settings);
    }

    /**
     * The settings this factory negotiates and compresses with.
     *
     * @return the settings given to the constructor
     */
    public DeflateSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Server side: the sessions accepted and not yet closed that keep context in some direction.
     *
     * @return the count now, at most {@link DeflateSettings#maxContextTakeoverSessions()}
     */
    public int contextTakeoverSessions() {
        return contextSessions.get();
    }

    @Override
    public Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context) {
        Optional<DeflateAgreement> agreement = ServerNegotiation.accept(settings, offer);
        if (agreement.isEmpty()) {
            return Optional.empty();
        }
        if (!agreement.get().keepsContext()) {
            return Optional.of(new PerMessageDeflate(agreement.get(), settings, context, () -> { }));
        }
        if (takeContextSlot()) {
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    contextSessions.decrementAndGet();
                }
            };
            return Optional.of(new PerMessageDeflate(agreement.get(), settings, context, release));
        }
        if (capReported.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, settings.maxContextTakeoverSessions() + " sessions keep"
                    + " permessage-deflate context, the most DeflateSettings.maxContextTakeoverSessions allows;"
                    + " further sessions get no context takeover until some close (reported once)");
        }
        // Over the cap: the lean answer to an offer that was legal is always an agreement.
        return ServerNegotiation.accept(leanSettings, offer)
                .map(lean -> new PerMessageDeflate(lean, settings, context, () -> { }));
    }

    private boolean takeContextSlot() {
        while (true) {
            int held = contextSessions.get();
            if (held >= settings.maxContextTakeoverSessions()) {
                return false;
            }
            if (contextSessions.compareAndSet(held, held + 1)) {
                return true;
            }
        }
    }

    @Override
    public List<ExtensionConfig> offers() {
        return client.offers();
    }

    @Override
    public Extension acceptResponse(ExtensionConfig response, ExtensionContext context) {
        return new PerMessageDeflate(client.accept(response), settings, context, () -> { });
    }

    @Override
    public String toString() {
        return "PerMessageDeflateFactory[" + settings + "]";
    }
}
