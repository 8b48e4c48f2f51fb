package dev.wsf.runtime.conformance;

import dev.wsf.runtime.testing.RawDeflate;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Inflates messages with {@link RawDeflate}, enforcing a window: every back-reference must reach
 * no further than 2^bits octets and no further than the history there is. The fuzzer uses it when
 * the server agreed to {@code server_max_window_bits} below 15, which {@link java.util.zip.Inflater}
 * cannot check (it always keeps 32 KiB), so that a server breaking its own promise fails the case
 * the way a peer with a small window would. Decodes whole messages; keeps the last window of
 * output between them unless the server promised no context takeover.
 */
final class WindowedInflater {
    private final int window;
    private final boolean keepHistory;
    private byte[] history = new byte[0];

    WindowedInflater(int windowBits, boolean keepHistory) {
        this.window = 1 << windowBits;
        this.keepHistory = keepHistory;
    }

    /** Inflates one message's compressed octets, the 00 00 ff ff tail already appended. */
    byte[] inflateMessage(byte[] data) throws DataFormatException {
        byte[] message = RawDeflate.decode(data, history, window).output();
        if (keepHistory) {
            byte[] all = Arrays.copyOf(history, history.length + message.length);
            System.arraycopy(message, 0, all, history.length, message.length);
            history = Arrays.copyOfRange(all, Math.max(0, all.length - window), all.length);
        }
        return message;
    }
}
