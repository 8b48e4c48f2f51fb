package dev.wsf.api.extension;

/**
 * One negotiated extension on one connection: it transforms data frames on their way in and out.
 * Created by an {@link ExtensionFactory} during the handshake; closed when the connection ends.
 *
 * <h2>Chaining</h2>
 * Extensions run in the order of the handshake response for outgoing frames and in the reverse
 * order for incoming ones (RFC 6455 section 9.1). Each passes zero or more frames to {@code next}.
 * Only data frames pass through extensions; control frames bypass them.
 *
 * <h2>Threads</h2>
 * Inbound calls come from one thread at a time, as do outbound calls, each in frame order; an
 * inbound and an outbound call may run at the same time, so keep their state apart.
 *
 * <h2>Buffers</h2>
 * <ul>
 *   <li>Inbound: the payload is valid only during the call. Buffers passed to {@code next} may be
 *   reused once {@code next} returns.</li>
 *   <li>Outbound: the payload stays valid until it has been written, so an extension may pass it
 *   on unchanged. Buffers the extension creates belong to the runtime once passed to {@code next}
 *   (they are queued for writing): use fresh ones for each frame.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Throw {@link dev.wsf.api.CloseException} to fail the connection with its code (1002 for a frame
 * the extension cannot accept, 1007 for bad data, 1009 for too much); any other exception fails it
 * with 1011.
 *
 * @since 0.1
 */
public interface Extension extends AutoCloseable {

    /**
     * The negotiated parameters: what the server's response says for this extension.
     * A server sends it back in its {@code Sec-WebSocket-Extensions} response header, and declines
     * the extension if the name differs from the offer's.
     *
     * @return the negotiated name and parameters
     */
    ExtensionConfig config();

    /**
     * The RSV bits this extension gives meaning to ({@link Frame#RSV1} etc.); others stay reserved.
     * Two negotiated extensions may not claim the same bit: a server then declines the later one, a
     * client fails the handshake. Frames arriving with a bit that no extension claims fail the
     * connection with 1002.
     *
     * @return a combination of {@link Frame#RSV1}, {@link Frame#RSV2} and {@link Frame#RSV3}; zero
     *         if the extension uses none
     */
    int rsvBits();

    /**
     * Transforms one received data frame, whole and unmasked, on its way to the application.
     *
     * @param frame the received frame, with the RSV bits the peer set
     * @param next the extension after this one in the inbound order, or the message assembler
     */
    void onInboundFrame(Frame frame, FrameSink next);

    /**
     * Transforms one data frame the application sends, on its way to the socket.
     *
     * @param frame the frame to send, with the RSV bits earlier extensions set (zero if none)
     * @param next the extension after this one in the outbound order, or the socket
     */
    void onOutboundFrame(Frame frame, FrameSink next);

    /** Releases resources such as native compression streams. Called once. */
    @Override
    default void close() {
    }
}
