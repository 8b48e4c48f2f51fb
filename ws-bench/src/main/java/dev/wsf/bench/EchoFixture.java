package dev.wsf.bench;

import dev.wsf.api.Role;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.extension.Opcode;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.session.SessionCounters;
import dev.wsf.runtime.session.SessionSettings;
import dev.wsf.runtime.session.WebSocketSession;
import dev.wsf.runtime.topic.TopicRegistry;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An echo session over a {@link DiscardingTransport}, fed one read of {@code pipelined} masked
 * text frames at a time: the engine's work per message without sockets (parsing, unmasking,
 * UTF-8, decoding, the callback, the metrics listener, encoding, framing, queueing).
 */
final class EchoFixture {
    private final byte[] pristine;
    private final ByteBuffer input;
    private final DiscardingTransport transport = new DiscardingTransport();
    private final WebSocketSession session;

    /**
     * @param metrics what the session reports to, as the runtime hands it over (see
     *                {@code Observers.of}, which puts JFR's listener in front of the user's)
     */
    EchoFixture(int size, int pipelined, WebSocketMetrics metrics) {
        byte[] frame = Payloads.maskedFrame(Opcode.TEXT, Payloads.ascii(size));
        pristine = new byte[frame.length * pipelined];
        for (int i = 0; i < pipelined; i++) {
            System.arraycopy(frame, 0, pristine, i * frame.length, frame.length);
        }
        input = ByteBuffer.allocate(pristine.length);
        SessionSettings settings = new SessionSettings(Role.SERVER, Dispatch.IO_THREAD, Delivery.WHOLE, Delivery.WHOLE,
                1 << 20, 1 << 20, 1 << 20, 1 << 24, 0, 0, 0, 0, Runnable::run, new SessionCounters(),
                new TopicRegistry(), metrics, "/echo");
        EndpointHandler echo = new EndpointHandler() {
            @Override
            public void onText(Session s, String message) {
                s.sendText(message);
            }
        };
        session = new WebSocketSession(1, new StubSession(), Optional.empty(), NegotiatedExtensions.none(), settings,
                transport, request -> echo);
        session.start();
    }

    /** One read: every frame in it parsed, delivered, echoed and flushed. */
    long echo() {
        input.clear();
        input.put(pristine).flip();
        session.onRead(input);
        transport.flush();
        return transport.bytesWritten;
    }
}
