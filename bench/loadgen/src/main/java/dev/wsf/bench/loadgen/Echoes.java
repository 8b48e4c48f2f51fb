package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Checks what one connection receives and counts the complete, correct echoes. */
interface Echoes {

    /**
     * Consumes all of {@code in} (position to limit) and returns how many complete, correct
     * echoes it finished.
     *
     * @throws IOException if the server sent something that is not the expected echo
     */
    int consume(ByteBuffer in) throws IOException;

    /** The checker for the options' protocol: WebSocket frames, or a raw byte stream. */
    static Echoes forOptions(Options options, ByteBuffer expectedPayload) {
        return options.raw() ? new RawEchoReader(expectedPayload) : new EchoReader(options.opcode(), expectedPayload);
    }
}
