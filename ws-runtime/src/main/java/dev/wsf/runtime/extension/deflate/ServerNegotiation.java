package dev.wsf.runtime.extension.deflate;

import static dev.wsf.runtime.extension.deflate.DeflateParameters.ABSENT;
import static dev.wsf.runtime.extension.deflate.DeflateParameters.NO_VALUE;
import static dev.wsf.runtime.extension.deflate.DeflateSettings.MAX_WINDOW_BITS;

import dev.wsf.api.extension.ExtensionConfig;
import java.util.Optional;

/**
 * The server's answer to one offer (RFC 7692 section 7.1). Every legal offer is accepted, since
 * every parameter is supported (small windows through {@link MessageDeflater}); an illegal one is
 * declined.
 */
final class ServerNegotiation {

    private ServerNegotiation() {
    }

    static Optional<DeflateAgreement> accept(DeflateSettings settings, ExtensionConfig offer) {
        DeflateParameters asked;
        try {
            asked = DeflateParameters.parse(offer, false);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // 7.1.1: a requested server_no_context_takeover must be confirmed; either may be added.
        boolean serverNoContextTakeover = asked.serverNoContextTakeover() || settings.serverNoContextTakeover();
        boolean clientNoContextTakeover = asked.clientNoContextTakeover() || settings.clientNoContextTakeover();

        // 7.1.2.1: a requested server window is confirmed with the same or a smaller value; the
        // server may also state one nobody asked for.
        int serverBits = settings.serverMaxWindowBits();
        if (asked.serverMaxWindowBits() != ABSENT) {
            serverBits = Math.min(serverBits, asked.serverMaxWindowBits());
        }
        boolean stateServerBits = asked.serverMaxWindowBits() != ABSENT || serverBits < MAX_WINDOW_BITS;

        // 7.1.2.2: client_max_window_bits only if offered, never above an offered value. The
        // client's own value is echoed: it is the window it announced it would use anyway.
        int clientBits = ABSENT;
        if (asked.clientMaxWindowBits() != ABSENT) {
            int offered = asked.clientMaxWindowBits() == NO_VALUE ? MAX_WINDOW_BITS : asked.clientMaxWindowBits();
            int bits = Math.min(offered, settings.clientMaxWindowBits());
            clientBits = bits < MAX_WINDOW_BITS ? bits : ABSENT;
        }

        DeflateParameters response = new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
                stateServerBits ? serverBits : ABSENT, clientBits);
        return Optional.of(new DeflateAgreement(response.toConfig(), serverNoContextTakeover, serverBits,
                clientNoContextTakeover));
    }
}
