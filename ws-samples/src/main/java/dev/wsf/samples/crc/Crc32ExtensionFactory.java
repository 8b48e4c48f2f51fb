package dev.wsf.samples.crc;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import java.util.List;
import java.util.Optional;

/**
 * {@code x-wsf-crc32}: an integrity check on every data message, negotiated like any
 * WebSocket extension. Servers and clients find this factory through
 * {@code META-INF/services/dev.wsf.api.extension.ExtensionFactory}; nothing else registers it.
 *
 * <h2>The wire format</h2>
 * <ul>
 * <li>The offer and the response are the bare token {@code x-wsf-crc32}, without parameters.</li>
 * <li>The sender appends the CRC-32 (as {@link java.util.zip.CRC32} computes it, 4 bytes, big
 *     endian) of the message's payload to the message's last frame, and sets RSV2 on its first
 *     frame. Every data message carries it; control frames never do.</li>
 * <li>The receiver strips the 4 bytes and compares. A mismatch fails the connection with 1007
 *     (invalid payload data); a message without RSV2, or RSV2 on a continuation frame, with 1002.</li>
 * </ul>
 *
 * <h2>With permessage-deflate</h2>
 * permessage-deflate owns RSV1, this extension RSV2, so both can be negotiated together. The order
 * of the handshake response decides what is checked: with {@code permessage-deflate, x-wsf-crc32}
 * the CRC covers the compressed bytes (compressed first, then checked), with
 * {@code x-wsf-crc32, permessage-deflate} the original ones. Either way works, because the
 * CRC is per message and survives any re-fragmentation by the other extension.
 */
public final class Crc32ExtensionFactory implements ExtensionFactory {
    public static final String NAME = "x-wsf-crc32";

    @Override
    public String name() {
        return NAME;
    }

    /** Accepts the bare offer; declines one with parameters, which this version doesn't know. */
    @Override
    public Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context) {
        return offer.parameters().isEmpty() ? Optional.of(new Crc32Extension()) : Optional.empty();
    }

    @Override
    public List<ExtensionConfig> offers() {
        return List.of(ExtensionConfig.of(NAME));
    }

    @Override
    public Extension acceptResponse(ExtensionConfig response, ExtensionContext context) {
        if (!response.parameters().isEmpty()) {
            throw new IllegalArgumentException(NAME + " takes no parameters, the server sent: " + response);
        }
        return new Crc32Extension();
    }
}
