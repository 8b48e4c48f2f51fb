package dev.wsf.runtime.frame;

import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;

/**
 * Receives what a {@link FrameParser} finds. Data frames stream: a header, then the payload in
 * one or more chunks as bytes arrive (the last chunk has {@code frameEnd}; an empty frame gets
 * one empty chunk). Control frames arrive whole. Payloads are unmasked, and valid only during
 * the call. A listener may throw {@link dev.wsf.api.CloseException} to fail the connection.
 */
public interface FrameListener {

    /**
     * A data frame's header; its payload follows in {@link #onDataPayload} calls.
     *
     * @param opcode {@code TEXT}, {@code BINARY} or {@code CONTINUATION}
     * @param fin whether it is the message's last frame
     * @param rsv the frame's RSV bits, as in {@code Frame.RSV1} (only those extensions allowed)
     * @param length the payload length, in bytes
     */
    void onDataFrame(Opcode opcode, boolean fin, int rsv, long length);

    /**
     * The next piece of the current data frame's payload.
     *
     * @param chunk unmasked payload bytes, from position to limit; valid only during the call
     * @param frameEnd whether this chunk ends the frame
     */
    void onDataPayload(ByteBuffer chunk, boolean frameEnd);

    /**
     * A whole control frame, possibly between the frames of a fragmented message.
     *
     * @param opcode {@code PING}, {@code PONG} or {@code CLOSE}
     * @param payload the unmasked payload, at most 125 bytes; valid only during the call
     */
    void onControlFrame(Opcode opcode, ByteBuffer payload);
}
