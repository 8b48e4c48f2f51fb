package dev.wsf.samples.crc;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The receiving half: passes each frame on without the bytes that may turn out to be the CRC,
 * and checks them when the message ends. Confined to the connection's inbound thread.
 *
 * <p>The CRC is the last 4 bytes of the message, but a frame doesn't say whether more frames will
 * follow it with data, and the CRC itself may be split across frames (a peer or another
 * extension may fragment anywhere). So the last 4 bytes seen are always held back in
 * {@link #tail}, and passed on at the front of the next frame if the message goes on.
 */
final class CrcVerifier {
    private static final int CRC_BYTES = 4;

    private final CRC32 crc = new CRC32();
    private final byte[] tail = new byte[CRC_BYTES];
    private int tailLength;

    /**
     * @throws CloseException 1002 for a message without RSV2 or RSV2 on a continuation frame,
     *                        1007 for a message whose CRC is missing or wrong
     */
    void accept(Frame frame, FrameSink next) {
        boolean marked = (frame.rsv() & Frame.RSV2) != 0;
        if (frame.isFirst()) {
            if (!marked) {
                throw new CloseException(CloseCode.PROTOCOL_ERROR, "x-wsf-crc32: message without RSV2");
            }
            crc.reset();
            tailLength = 0;
        } else if (marked) {
            throw new CloseException(CloseCode.PROTOCOL_ERROR, "x-wsf-crc32: RSV2 on a continuation frame");
        }
        ByteBuffer data = holdBackTail(frame.payload());
        crc.update(data.duplicate());
        if (frame.fin()) {
            verify();
        }
        next.accept(frame.with(frame.rsv() & ~Frame.RSV2, data));
    }

    /**
     * Returns what can be passed on: the tail held from before, then this payload, minus the last
     * 4 bytes of the two together, which become the new tail. Without a tail from before (the
     * usual, unfragmented case) that is a slice of the payload, not a copy.
     */
    private ByteBuffer holdBackTail(ByteBuffer payload) {
        int total = tailLength + payload.remaining();
        int pass = Math.max(0, total - CRC_BYTES);
        int fromTail = Math.min(tailLength, pass);
        int fromPayload = pass - fromTail;
        ByteBuffer data = fromTail == 0
                ? payload.slice(payload.position(), fromPayload)
                : ByteBuffer.allocate(pass).put(tail, 0, fromTail)
                        .put(payload.slice(payload.position(), fromPayload)).flip();
        int kept = tailLength - fromTail;
        System.arraycopy(tail, fromTail, tail, 0, kept);
        int fromPayloadKept = payload.remaining() - fromPayload;
        payload.get(payload.position() + fromPayload, tail, kept, fromPayloadKept);
        tailLength = kept + fromPayloadKept;
        return data;
    }

    private void verify() {
        if (tailLength < CRC_BYTES) {
            throw new CloseException(CloseCode.INVALID_PAYLOAD_DATA, "x-wsf-crc32: message shorter than its CRC");
        }
        int expected = ByteBuffer.wrap(tail).getInt();
        if (expected != (int) crc.getValue()) {
            throw new CloseException(CloseCode.INVALID_PAYLOAD_DATA, String.format(
                    "x-wsf-crc32: CRC mismatch, message says %08x, payload sums to %08x", expected, crc.getValue()));
        }
    }
}
