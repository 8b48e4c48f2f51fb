package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;

/**
 * A client and a server extension negotiated as the runtime would: the client's offers go to the
 * server in order through header text, and the server's response comes back the same way.
 */
final class Peers implements AutoCloseable {
    final Extension client;
    final Extension server;

    private Peers(Extension client, Extension server) {
        this.client = client;
        this.server = server;
    }

    static Peers negotiate(DeflateSettings clientSettings, DeflateSettings serverSettings, long maxMessageSize) {
        PerMessageDeflateFactory clientFactory = new PerMessageDeflateFactory(clientSettings);
        PerMessageDeflateFactory serverFactory = new PerMessageDeflateFactory(serverSettings);
        String offerHeader = ExtensionConfig.toHeaderValue(clientFactory.offers());
        Extension server = null;
        for (ExtensionConfig offer : ExtensionConfig.parse(offerHeader)) {
            server = serverFactory.acceptOffer(offer, new ExtensionContext(maxMessageSize)).orElse(null);
            if (server != null) {
                break;
            }
        }
        if (server == null) {
            throw new AssertionError("server declined " + offerHeader);
        }
        ExtensionConfig response = ExtensionConfig.parse(server.config().toString()).get(0);
        Extension client = clientFactory.acceptResponse(response, new ExtensionContext(maxMessageSize));
        return new Peers(client, server);
    }

    static Peers negotiate(DeflateSettings settings) {
        return negotiate(settings, settings, Long.MAX_VALUE);
    }

    /** What one message looked like on the wire and what the receiving side passed on. */
    record Transfer(FrameRecorder wire, FrameRecorder delivered) {
    }

    /** Sends one message, one fragment per frame, and delivers every wire frame to {@code to}. */
    static Transfer send(Extension from, Extension to, Opcode opcode, byte[]... fragments) {
        FrameRecorder wire = new FrameRecorder();
        FrameRecorder delivered = new FrameRecorder();
        for (int i = 0; i < fragments.length; i++) {
            int before = wire.frames.size();
            from.onOutboundFrame(new Frame(i == 0 ? opcode : Opcode.CONTINUATION, i == fragments.length - 1, 0,
                    ByteBuffer.wrap(fragments[i])), wire);
            for (FrameRecorder.Recorded f : wire.frames.subList(before, wire.frames.size())) {
                to.onInboundFrame(f.toFrame(), delivered);
            }
        }
        return new Transfer(wire, delivered);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
