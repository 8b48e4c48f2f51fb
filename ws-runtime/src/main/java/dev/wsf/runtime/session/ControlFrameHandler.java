package dev.wsf.runtime.session;

import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;

/** Where control frames go once parsed: the session, which answers pings and runs the close handshake. */
@FunctionalInterface
interface ControlFrameHandler {
    void onControlFrame(Opcode opcode, ByteBuffer payload);
}
