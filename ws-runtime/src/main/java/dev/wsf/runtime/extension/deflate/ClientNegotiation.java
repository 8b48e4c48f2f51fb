package dev.wsf.runtime.extension.deflate;

import static dev.wsf.runtime.extension.deflate.DeflateParameters.ABSENT;
import static dev.wsf.runtime.extension.deflate.DeflateParameters.NO_VALUE;
import static dev.wsf.runtime.extension.deflate.DeflateSettings.MAX_WINDOW_BITS;

import dev.wsf.api.extension.ExtensionConfig;
import java.util.List;

/** The client's offer and its strict check of the server's response (RFC 7692 section 7.1). */
final class ClientNegotiation {
    private final DeflateSettings settings;
    private final DeflateParameters offered;
    private final List<ExtensionConfig> offers;

    ClientNegotiation(DeflateSettings settings) {
        this.settings = settings;
        int serverBits = settings.serverMaxWindowBits() < MAX_WINDOW_BITS ? settings.serverMaxWindowBits() : ABSENT;
        int clientBits = settings.clientMaxWindowBits() < MAX_WINDOW_BITS ? settings.clientMaxWindowBits()
                : settings.offerClientMaxWindowBits() ? NO_VALUE : ABSENT;
        this.offered = new DeflateParameters(settings.serverNoContextTakeover(), settings.clientNoContextTakeover(),
                serverBits, clientBits);
        this.offers = List.of(offered.toConfig());
    }

    /** The one offer this client sends. */
    List<ExtensionConfig> offers() {
        return offers;
    }

    /**
     * Checks that {@code response} is a legal answer to our offer.
     *
     * @throws IllegalArgumentException if it is not
     */
    DeflateAgreement accept(ExtensionConfig response) {
        DeflateParameters r;
        try {
            r = DeflateParameters.parse(response, true);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), response);
        }
        if (offered.serverNoContextTakeover() && !r.serverNoContextTakeover()) {
            throw invalid("server_no_context_takeover was requested but not confirmed", response);
        }
        if (offered.serverMaxWindowBits() != ABSENT) {
            if (r.serverMaxWindowBits() == ABSENT) {
                throw invalid("server_max_window_bits was requested but not confirmed", response);
            }
            if (r.serverMaxWindowBits() > offered.serverMaxWindowBits()) {
                throw invalid("server_max_window_bits is above the requested " + offered.serverMaxWindowBits(),
                        response);
            }
        }
        if (r.clientMaxWindowBits() != ABSENT) {
            if (offered.clientMaxWindowBits() == ABSENT) {
                throw invalid("client_max_window_bits was not offered", response);
            }
            if (offered.clientMaxWindowBits() != NO_VALUE && r.clientMaxWindowBits() > offered.clientMaxWindowBits()) {
                throw invalid("client_max_window_bits is above the offered " + offered.clientMaxWindowBits(), response);
            }
        }
        // What we announced in the offer holds even where the response does not repeat it.
        int localBits = Math.min(settings.clientMaxWindowBits(),
                r.clientMaxWindowBits() == ABSENT ? MAX_WINDOW_BITS : r.clientMaxWindowBits());
        return new DeflateAgreement(response, r.clientNoContextTakeover() || settings.clientNoContextTakeover(),
                localBits, r.serverNoContextTakeover());
    }

    private static IllegalArgumentException invalid(String problem, ExtensionConfig response) {
        return new IllegalArgumentException("invalid permessage-deflate response, " + problem + ": " + response);
    }
}
