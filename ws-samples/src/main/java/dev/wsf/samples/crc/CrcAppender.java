package dev.wsf.samples.crc;

import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The sending half: sums each message's payload and appends the CRC to its last frame. Confined
 * to the connection's outbound thread.
 */
final class CrcAppender {
    private final CRC32 crc = new CRC32();

    void accept(Frame frame, FrameSink next) {
        if (frame.isFirst()) {
            crc.reset();
        }
        ByteBuffer payload = frame.payload();
        crc.update(payload.duplicate()); // duplicate: the payload's position must not move
        int rsv = frame.isFirst() ? frame.rsv() | Frame.RSV2 : frame.rsv();
        if (!frame.fin()) {
            next.accept(frame.with(rsv, payload)); // an outbound payload may be passed on as it is
            return;
        }
        // The last frame needs 4 more bytes: a fresh buffer, which the runtime owns once passed on.
        ByteBuffer withCrc = ByteBuffer.allocate(payload.remaining() + 4)
                .put(payload.duplicate())
                .putInt((int) crc.getValue())
                .flip();
        next.accept(frame.with(rsv, withCrc));
    }
}
