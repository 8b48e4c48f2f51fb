package dev.wsf.runtime.session;

import dev.wsf.api.CloseException;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.runtime.frame.FrameListener;
import dev.wsf.runtime.frame.FrameParser;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;

/**
 * The inbound pipeline of a session: bytes from the socket, parsed into frames, through the
 * extensions if any, assembled into messages for the callbacks.
 *
 * <p>It runs on the session's serial executor: inline on the I/O thread for
 * {@link Dispatch#IO_THREAD} when nothing else runs for the session, otherwise from an
 * {@link InputQueue} of copies, in order, which stops the socket's reads when a worker falls too
 * far behind. Once stopped (the peer's close frame arrived, or the session failed), input is
 * dropped as it comes, so a lingering connection costs nothing however much the peer sends.
 */
final class Inbound {
    private final FrameParser parser;
    private final FrameListener frames;
    private final MessageAssembler assembler;
    private final FrameCollector collector;
    /** Created by the first input that must wait: inline on the I/O thread, most sessions need none. */
    private InputQueue input;
    private final SerialExecutor serial;
    private final Transport transport;
    private final boolean inline;
    private final CloseHandshake handshake;
    private final Runnable drainTask = this::drain;

    /**
     * @param collector the collector in front of the extensions, or null without extensions
     */
    Inbound(FrameParser parser, MessageAssembler assembler, FrameCollector collector, SerialExecutor serial,
            Transport transport, Dispatch dispatch, CloseHandshake handshake) {
        this.parser = parser;
        this.assembler = assembler;
        this.collector = collector;
        this.frames = collector != null ? collector : assembler;
        this.serial = serial;
        this.transport = transport;
        this.inline = dispatch == Dispatch.IO_THREAD;
        this.handshake = handshake;
    }

    /** Bytes from the socket, on the I/O thread; valid only during the call. */
    void onRead(ByteBuffer data) {
        if (parser.isStopped()) {
            return;
        }
        if (inline && serial.tryEnter()) {
            try {
                parse(data);
            } finally {
                serial.exit();
            }
            return;
        }
        queue(ByteBuffer.allocate(data.remaining()).put(data).flip());
    }

    /** The peer's end of stream, after everything it sent before. */
    void onEof() {
        queue(InputQueue.END_OF_INPUT);
    }

    /** Stops parsing, and drops the parts of messages collected so far. Any thread. */
    void stop() {
        parser.stop();
        serial.execute(this::discard);
    }

    /** Drops what was collected; on the serial executor. */
    void discard() {
        assembler.discard();
        if (collector != null) {
            collector.discard();
        }
    }

    /** On the I/O thread; the hand-off to the serial executor publishes {@link #input} to the drain. */
    private void queue(ByteBuffer chunk) {
        if (input == null) {
            input = new InputQueue(transport);
        }
        if (input.add(chunk)) {
            serial.execute(drainTask);
        }
    }

    /** Parses queued input on the serial executor; a worker batches the writes its callbacks make. */
    private void drain() {
        boolean batch = !transport.inIoThread();
        if (batch) {
            transport.beginBatch();
        }
        try {
            for (ByteBuffer chunk = input.poll(); chunk != null; chunk = input.poll()) {
                if (chunk == InputQueue.END_OF_INPUT) {
                    handshake.endOfInput();
                } else {
                    parse(chunk);
                }
            }
        } finally {
            if (batch) {
                transport.endBatch();
            }
        }
    }

    private void parse(ByteBuffer data) {
        try {
            parser.parse(data, frames);
        } catch (CloseException e) {
            handshake.peerViolated(e);
        } catch (RuntimeException e) {
            handshake.internalError(collector != null ? "an extension failed" : "internal error", e);
        }
    }
}
