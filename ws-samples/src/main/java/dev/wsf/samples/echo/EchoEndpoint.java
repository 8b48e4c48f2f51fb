package dev.wsf.samples.echo;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.endpoint.Dispatch;
import java.nio.ByteBuffer;

/**
 * Sends every message back: a returned value is the reply.
 *
 * <p>Echoing never blocks, so the callbacks run right on the I/O thread that read the message
 * ({@link Dispatch#IO_THREAD}): no hand-off to a worker, the fastest path there is. A callback
 * that blocks must keep the default, {@link Dispatch#WORKER}.
 */
@Endpoint(path = "/echo", dispatch = Dispatch.IO_THREAD)
public class EchoEndpoint {

    @OnMessage
    public String text(String message) {
        return message;
    }

    @OnMessage
    public ByteBuffer binary(ByteBuffer message) {
        return message; // the runtime copies the buffer if it must outlive this call
    }
}
