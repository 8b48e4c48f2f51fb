package dev.wsf.runtime.session;

import dev.wsf.api.CloseException;
import dev.wsf.api.endpoint.Dispatch;
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
final class Inbound implements Runnable {
    private final SessionSettings settings;
    /**
     * Null until input arrives, and again once the session has been quiet for a tick between
     * messages (see {@link #onTick}): an idle session holds no parser. Written on the serial
     * executor; volatile for {@link #stop} and {@link #onRead}, which run on other threads.
     */
    private volatile FrameParser parser;
    private volatile boolean stopped;
    private final MessageAssembler assembler;
    private final FrameCollector collector;
    /** Created by the first input that must wait: inline on the I/O thread, most sessions need none. */
    private InputQueue input;
    private final SerialExecutor serial;
    private final Transport transport;
    private final boolean inline;
    private final CloseHandshake handshake;
    /** I/O thread: input came since the last tick; a tick found it quiet and the parser may go. */
    private boolean readSinceTick;
    private boolean trimDue;

    /**
     * @param collector the collector in front of the extensions, or null without extensions
     */
    Inbound(SessionSettings settings, MessageAssembler assembler, FrameCollector collector,
            SerialExecutor serial, Transport transport, CloseHandshake handshake) {
        this.settings = settings;
        this.assembler = assembler;
        this.collector = collector;
        this.serial = serial;
        this.transport = transport;
        this.inline = settings.dispatch() == Dispatch.IO_THREAD;
        this.handshake = handshake;
    }

    /** Bytes from the socket, on the I/O thread; valid only during the call. */
    void onRead(ByteBuffer data) {
        FrameParser p = parser;
        if (stopped || p != null && p.isStopped()) {
            return;
        }
        readSinceTick = true;
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
        stopped = true;
        FrameParser p = parser; // one created after the flag was set sees it in parse()
        if (p != null) {
            p.stop();
        }
        serial.execute(this::discard);
    }

    /**
     * On the I/O thread at every tick: once a whole tick has passed without input, lets go of the
     * parser and the assembler's per-message state, if no frame or message is under way. The next
     * input creates them again, so a busy session never churns, and an idle one costs less.
     */
    void onTick() {
        if (readSinceTick) {
            readSinceTick = false;
            trimDue = true;
        } else if (trimDue) {
            trimDue = false;
            if (!inline) {
                serial.execute(this::trim);
            } else if (serial.tryEnter()) {
                try {
                    trim();
                } finally {
                    serial.exit();
                }
            } // else a callback runs now: the session is not idle
        }
    }

    /** On the serial executor. */
    private void trim() {
        FrameParser p = parser;
        if (p != null && p.atMessageBoundary()) {
            parser = null;
            assembler.trim();
            if (collector != null) {
                collector.trim();
            }
        }
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
            serial.execute(this); // run() drains the queue
        }
    }

    /**
     * Parses queued input: the task the serial executor runs when input waits for it (the
     * inbound pipeline is its own task, so that no session holds one more object for it). A
     * worker batches the writes its callbacks make.
     */
    @Override
    public void run() {
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
        FrameParser p = parser;
        if (p == null) {
            p = new FrameParser(settings.role(), settings.maxFrameSize());
            p.allowRsv(collector != null ? collector.rsvBits() : 0);
            parser = p;
            if (stopped) {
                p.stop(); // see stop(): it may have missed this parser
            }
        }
        try {
            p.parse(data, collector != null ? collector : assembler);
        } catch (CloseException e) {
            handshake.peerViolated(e);
        } catch (RuntimeException e) {
            handshake.internalError(collector != null ? "an extension failed" : "internal error", e);
        }
    }
}
