package dev.wsf.annotated.bind;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import java.nio.charset.StandardCharsets;

/** Builds the close reasons the annotation model sends, always valid for a close frame. */
final class CloseReasons {

    private CloseReasons() {
    }

    /**
     * A close reason with {@code code} (1011 if it may not be sent) and {@code text} cut to fit a
     * close frame without splitting a character.
     */
    static CloseReason of(int code, String text) {
        int sendable = CloseCode.isSendable(code) ? code : CloseCode.INTERNAL_ERROR.code();
        return new CloseReason(sendable, fit(text == null ? "" : text));
    }

    private static String fit(String text) {
        if (text.length() <= CloseReason.MAX_REASON_BYTES / 3
                || text.getBytes(StandardCharsets.UTF_8).length <= CloseReason.MAX_REASON_BYTES) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > CloseReason.MAX_REASON_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }
}
