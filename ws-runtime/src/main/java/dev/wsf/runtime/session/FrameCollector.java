package dev.wsf.runtime.session;

import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.ExtensionChain;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.io.MemoryAccount;
import java.nio.ByteBuffer;

/**
 * Collects streamed data frames into whole frames for the extension chain, which works on
 * frames. A frame that arrived in one read passes through without a copy; one split across reads
 * is collected in an {@link Aggregate} that grows with the bytes received. Control frames go
 * straight on. Confined to the session's serial executor.
 */
final class FrameCollector implements FrameListener {
    private final ExtensionChain chain;
    private final FrameListener assembler;
    private final MemoryAccount memory;
    /** Created by the first frame that arrives split; null until then, and again after {@link #trim()}. */
    private Aggregate buffer;
    private Opcode opcode;
    private boolean fin;
    private int rsv;
    private long length;

    FrameCollector(ExtensionChain chain, FrameListener assembler, MemoryAccount memory) {
        this.chain = chain;
        this.assembler = assembler;
        this.memory = memory;
    }

    /** The RSV bits the extensions behind the collector use: the parser in front of it allows them. */
    int rsvBits() {
        return chain.rsvBits();
    }

    @Override
    public void onDataFrame(Opcode opcode, boolean fin, int rsv, long length) {
        this.opcode = opcode;
        this.fin = fin;
        this.rsv = rsv;
        this.length = length;
        if (buffer != null) {
            buffer.discard();
        }
    }

    @Override
    public void onDataPayload(ByteBuffer chunk, boolean frameEnd) {
        if (frameEnd && (buffer == null || buffer.isEmpty())) {
            chain.inbound(new Frame(opcode, fin, rsv, chunk));
            return;
        }
        if (buffer == null) {
            buffer = new Aggregate(memory);
        }
        buffer.append(chunk, length);
        if (frameEnd) {
            chain.inbound(new Frame(opcode, fin, rsv, buffer.take()));
        }
    }

    @Override
    public void onControlFrame(Opcode opcode, ByteBuffer payload) {
        assembler.onControlFrame(opcode, payload);
    }

    /** Drops a half-collected frame, e.g. when the session ends. */
    void discard() {
        if (buffer != null) {
            buffer.discard();
        }
    }

    /** Lets go of the aggregate between frames, while the session idles (see {@link Inbound#onTick}). */
    void trim() {
        if (buffer != null && buffer.isEmpty()) {
            buffer = null;
        }
    }

    /** Where frames leave the chain: into the assembler, as one whole frame each. */
    static void deliver(FrameListener assembler, Frame frame) {
        assembler.onDataFrame(frame.opcode(), frame.fin(), frame.rsv(), frame.payload().remaining());
        assembler.onDataPayload(frame.payload(), true);
    }
}
