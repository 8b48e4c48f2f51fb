package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.CloseReason;
import dev.wsf.runtime.frame.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reading close frame payloads (RFC 6455 section 5.5.1) and fitting reasons into them. */
final class CloseFrames {
    private CloseFrames() {
    }

    /**
     * The reason a close frame carries: 1005 when it is empty.
     *
     * @throws CloseException 1002 for a 1-byte payload or a code that may not be sent, 1007 for a
     *                        reason that is not UTF-8
     */
    static CloseReason parse(ByteBuffer payload) {
        if (payload.remaining() == 0) {
            return CloseReason.NO_STATUS;
        }
        if (payload.remaining() == 1) {
            throw new ProtocolViolationException(CloseCode.PROTOCOL_ERROR, "close frame payload of 1 byte");
        }
        int code = payload.getShort(payload.position()) & 0xFFFF;
        if (!CloseCode.isSendable(code)) {
            throw new ProtocolViolationException(CloseCode.PROTOCOL_ERROR, "invalid close code " + code);
        }
        ByteBuffer text = payload.duplicate().position(payload.position() + 2);
        Utf8Validator utf8 = new Utf8Validator();
        if (!utf8.validate(text) || !utf8.isComplete()) {
            throw new ProtocolViolationException(CloseCode.INVALID_PAYLOAD_DATA, "close reason is not valid UTF-8");
        }
        return new CloseReason(code, StandardCharsets.UTF_8.decode(text).toString());
    }

    /** {@code message} cut to the 123 UTF-8 bytes a close reason may have, never inside a character. */
    static String fitReason(String message) {
        if (message == null) {
            return "";
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= CloseReason.MAX_REASON_BYTES) {
            return message;
        }
        int end = CloseReason.MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
