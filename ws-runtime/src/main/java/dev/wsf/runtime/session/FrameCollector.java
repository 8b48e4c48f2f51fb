package dev.wsf.runtime.session;

import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import dev.wsf.runtime.frame.FrameListener;
import java.nio.ByteBuffer;

/**
 * Collects streamed data frames into whole frames for the extension chain, which works on
 * frames. A frame that arrived in one read passes through without a copy. Control frames go
 * straight on. Confined to the session's serial executor.
 */
final class FrameCollector implements FrameListener {
    private final ExtensionChain chain;
    private final FrameListener assembler;
    private Opcode opcode;
    private boolean fin;
    private int rsv;
    private ByteBuffer buffer;
    private long length;

    FrameCollector(ExtensionChain chain, FrameListener assembler) {
        this.chain = chain;
        this.assembler = assembler;
    }

    @Override
    public void onDataFrame(Opcode opcode, boolean fin, int rsv, long length) {
        this.opcode = opcode;
        this.fin = fin;
        this.rsv = rsv;
        this.length = length;
        this.buffer = null;
    }

    @Override
    public void onDataPayload(ByteBuffer chunk, boolean frameEnd) {
        if (frameEnd && buffer == null) {
            chain.inbound(new Frame(opcode, fin, rsv, chunk));
            return;
        }
        if (buffer == null) {
            buffer = ByteBuffer.allocate((int) length); // bounded by the parser's frame size limit
        }
        buffer.put(chunk);
        if (frameEnd) {
            ByteBuffer whole = buffer.flip();
            buffer = null;
            chain.inbound(new Frame(opcode, fin, rsv, whole));
        }
    }

    @Override
    public void onControlFrame(Opcode opcode, ByteBuffer payload) {
        assembler.onControlFrame(opcode, payload);
    }

    /** Where frames leave the chain: into the assembler, as one whole frame each. */
    static void deliver(FrameListener assembler, Frame frame) {
        assembler.onDataFrame(frame.opcode(), frame.fin(), frame.rsv(), frame.payload().remaining());
        assembler.onDataPayload(frame.payload(), true);
    }
}
