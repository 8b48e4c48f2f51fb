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

    void onDataFrame(Opcode opcode, boolean fin, int rsv, long length);

    void onDataPayload(ByteBuffer chunk, boolean frameEnd);

    void onControlFrame(Opcode opcode, ByteBuffer payload);
}
