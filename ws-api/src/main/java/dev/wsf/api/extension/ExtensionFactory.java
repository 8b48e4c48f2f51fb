package dev.wsf.api.extension;

import java.util.List;
import java.util.Optional;

/**
 * Negotiates one extension and creates its per-connection instances. Stateless and thread-safe.
 *
 * <p>Factories are found with {@link java.util.ServiceLoader}: list the implementation class in
 * {@code META-INF/services/dev.wsf.api.extension.ExtensionFactory} (and {@code provides} in
 * {@code module-info}). A server or client may also be given factory instances directly, which
 * replace discovered ones of the same {@link #name()}.
 *
 * @since 0.1
 */
public interface ExtensionFactory {

    /**
     * The extension token this factory negotiates, e.g. {@code permessage-deflate}.
     *
     * @return the registered token; must match the {@link ExtensionConfig#name()} of the configs it
     *         offers and accepts
     */
    String name();

    /**
     * Server side: accepts one offer from the client, or declines it with an empty result. The
     * server asks about the client's offers in order and keeps the first one accepted for each
     * extension name. An offer this factory cannot understand is declined, never an error.
     *
     * <p>Called on the I/O thread during the handshake. An exception is logged and treated as
     * declining.
     *
     * @param offer one element of the client's {@code Sec-WebSocket-Extensions} header with this
     *              factory's name
     * @param context the limits of the connection being negotiated
     * @return the new extension, whose {@link Extension#config()} is the response to send; empty to
     *         decline the offer
     */
    Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context);

    /**
     * Client side: the offers to send, most preferred first.
     * Called for each connection the client opens.
     *
     * @return the configs to list in the request's {@code Sec-WebSocket-Extensions} header, each
     *         named {@link #name()}
     */
    List<ExtensionConfig> offers();

    /**
     * Client side: the server accepted with {@code response}; creates the extension.
     *
     * @param response the server's element for this extension, already checked to name an
     *                 extension the client offered
     * @param context the limits of the new connection
     * @return the extension for the connection; never null
     * @throws IllegalArgumentException if the response is not one this client could have asked
     *                                  for; the client then fails the handshake
     */
    Extension acceptResponse(ExtensionConfig response, ExtensionContext context);
}
