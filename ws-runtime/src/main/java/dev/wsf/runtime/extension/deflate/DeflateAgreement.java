package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.ExtensionConfig;

/**
 * What one endpoint does once the handshake is over, seen from that endpoint.
 *
 * @param response                the server's response element, as both sides see it
 * @param localNoContextTakeover  whether we start every outgoing message with an empty window
 * @param localMaxWindowBits      the largest window (8 to 15) our outgoing data may use
 * @param remoteNoContextTakeover whether the peer starts every message with an empty window, so
 *                                our inflater may start each message afresh
 */
record DeflateAgreement(ExtensionConfig response, boolean localNoContextTakeover, int localMaxWindowBits,
                        boolean remoteNoContextTakeover) {

    /** Whether either direction keeps zlib state from one message to the next. */
    boolean keepsContext() {
        return !localNoContextTakeover || !remoteNoContextTakeover;
    }
}
