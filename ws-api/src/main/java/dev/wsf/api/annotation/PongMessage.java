package dev.wsf.api.annotation;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A pong received from the peer, as the parameter of an {@link OnMessage} method that handles
 * pongs: an answer to a ping this side sent, or an unsolicited heartbeat.
 *
 * @param applicationData the pong's payload (at most 125 bytes); valid only during the call, so
 *                        copy what you keep
 *
 * @since 0.1
 */
public record PongMessage(ByteBuffer applicationData) {

    /**
     * Wraps a received pong's payload.
     *
     * @param applicationData the pong's payload, not copied
     * @throws NullPointerException if {@code applicationData} is null
     */
    public PongMessage {
        Objects.requireNonNull(applicationData, "applicationData");
    }
}
