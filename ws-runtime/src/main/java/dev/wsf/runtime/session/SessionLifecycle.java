package dev.wsf.runtime.session;

import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;

/**
 * Where a session is in its life, as one explicit state machine with no I/O of its own: each
 * event returns the {@link Actions} the session must then carry out. The two halves of the
 * connection end independently (RFC 6455 section 7): the output once our close frame is queued,
 * the input once the peer's close frame arrives. Not thread-safe: the session calls it under its
 * lock and carries out the actions it returns.
 *
 * <ul>
 *   <li>An orderly close from this side queues a close frame behind the messages already sent;
 *       messages from the peer are still delivered until its close frame.</li>
 *   <li>The peer's close frame is answered at once, ahead of unsent messages if they would delay
 *       the answer (they are then dropped). A server then half-closes and lingers until the peer's end of stream, so that the peer
 *       reads our close frame instead of a reset; a client waits for the server to close.</li>
 *   <li>Failing the connection (a protocol violation, an overload, an extension fault) sends the
 *       close frame the same way, half-closes, and discards further input until the peer
 *       closes or the close timeout passes.</li>
 *   <li>The application hears {@code onClose} exactly once, as soon as the outcome is known.</li>
 * </ul>
 */
final class SessionLifecycle {

    /** Our sending side. */
    enum Output {
        /** Messages may be sent. */
        OPEN,
        /** Our close frame is queued; nothing may follow it. */
        CLOSE_SENT,
        /** Half-closed, or the transport is gone. */
        SHUT
    }

    /** The peer's sending side, as we read it. */
    enum Input {
        /** Frames are parsed and messages delivered. */
        OPEN,
        /** The peer's close frame arrived; anything after it is ignored. */
        CLOSE_RECEIVED,
        /** We failed the connection: input is read and dropped until the peer closes. */
        DISCARDING,
        /** End of stream, or the transport is gone. */
        ENDED
    }

    /** What the session must do after a transition, in this order. */
    record Actions(int flags, CloseReason closeFrame, CloseReason outcome) {
        /** Queue {@link #closeFrame} behind the messages already queued. */
        static final int SEND_CLOSE = 1;
        /**
         * Queue {@link #closeFrame} ahead of everything unsent and drop unsent messages, if they
         * would delay it (the session decides what that means).
         */
        static final int SEND_CLOSE_URGENTLY = 1 << 1;
        /** Stop parsing input. */
        static final int STOP_INPUT = 1 << 2;
        /** Write what is queued. */
        static final int FLUSH = 1 << 3;
        /** Half-close once what is queued is written. */
        static final int SHUTDOWN_OUTPUT = 1 << 4;
        /** Close the transport now. */
        static final int CLOSE_TRANSPORT = 1 << 5;
        /** Tell the application the session ended, with {@link #outcome}. */
        static final int NOTIFY = 1 << 6;
        /** Let go of what the session holds: the transport is gone. */
        static final int RELEASE = 1 << 7;

        static final Actions NONE = new Actions(0, null, null);

        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    private final boolean server;
    private volatile Output output = Output.OPEN; // read without the lock by Session.isOpen
    private Input input = Input.OPEN;
    private boolean notified;
    private boolean released;
    private WebSocketMetrics.Closer closer; // who moved first to end the session
    private long deadline;

    SessionLifecycle(boolean server) {
        this.server = server;
    }

    Output output() {
        return output;
    }

    Input input() {
        return input;
    }

    /** Which side started the end: this one (a close, a failure), the peer (its close frame), or neither. */
    WebSocketMetrics.Closer closer() {
        return closer == null ? WebSocketMetrics.Closer.NEITHER : closer;
    }

    private void first(WebSocketMetrics.Closer who) {
        if (closer == null) {
            closer = who;
        }
    }

    /** Whether the application has been told the session ended. */
    boolean notified() {
        return notified;
    }

    /**
     * This side closes in order: the application, an idle timeout, a server stopping.
     * {@code deadline} ({@link System#nanoTime()} plus the close timeout) is when the end must be
     * over, if this is the first step towards it; the same holds for the other events taking one.
     */
    Actions closeRequested(CloseReason reason, long deadline) {
        if (output != Output.OPEN) {
            return Actions.NONE;
        }
        output = Output.CLOSE_SENT;
        first(WebSocketMetrics.Closer.LOCAL);
        armDeadline(deadline);
        return new Actions(Actions.SEND_CLOSE | Actions.FLUSH, reason, null);
    }

    /** The peer's close frame arrived (it was valid: an invalid one is a {@link #failed}). */
    Actions closeReceived(CloseReason reason, long deadline) {
        if (input != Input.OPEN) {
            return Actions.NONE;
        }
        input = Input.CLOSE_RECEIVED;
        first(WebSocketMetrics.Closer.PEER);
        int flags = Actions.STOP_INPUT;
        CloseReason reply = null;
        if (output == Output.OPEN) {
            flags |= Actions.SEND_CLOSE_URGENTLY;
            reply = reason;
        }
        if (server) {
            flags |= Actions.SHUTDOWN_OUTPUT;
            output = Output.SHUT;
        } else {
            flags |= Actions.FLUSH; // the server closes TCP first (section 7.1.1); wait for it, not forever
            output = output == Output.OPEN ? Output.CLOSE_SENT : output;
        }
        armDeadline(deadline);
        return actions(flags, reply, reason);
    }

    /** This side fails the connection with {@code reason} (section 7.1.7). */
    Actions failed(CloseReason reason, long deadline) {
        if (input == Input.CLOSE_RECEIVED || input == Input.ENDED || output == Output.SHUT) {
            return Actions.NONE; // closing or closed already: nothing left to fail
        }
        int flags = Actions.STOP_INPUT | Actions.SHUTDOWN_OUTPUT;
        CloseReason frame = null;
        if (output == Output.OPEN) {
            flags |= Actions.SEND_CLOSE_URGENTLY;
            frame = reason;
        }
        output = Output.SHUT;
        input = Input.DISCARDING;
        first(WebSocketMetrics.Closer.LOCAL);
        armDeadline(deadline);
        return actions(flags, frame, reason);
    }

    /** The peer closed its side of the TCP connection. */
    Actions endOfInput() {
        if (input == Input.ENDED) {
            return Actions.NONE;
        }
        boolean abrupt = input == Input.OPEN;
        input = Input.ENDED;
        if (!abrupt) {
            return new Actions(Actions.CLOSE_TRANSPORT, null, null); // the lingering is over
        }
        CloseReason reason = new CloseReason(CloseCode.ABNORMAL_CLOSURE, "connection closed without a close frame");
        return actions(Actions.CLOSE_TRANSPORT, null, reason);
    }

    /** Whether a close handshake or lingering has run out of time at {@code now}. */
    boolean deadlinePassed(long now) {
        return deadline != 0 && now - deadline > 0;
    }

    /** Gives up on the peer: its close handshake timed out, or its heartbeat stopped. */
    Actions aborted(String why) {
        if (released) {
            return Actions.NONE;
        }
        CloseReason reason = new CloseReason(CloseCode.ABNORMAL_CLOSURE, CloseFrames.fitReason(why));
        return actions(Actions.CLOSE_TRANSPORT, null, reason);
    }

    /** The transport closed, for whatever reason; {@code lost} if it broke rather than was closed. */
    Actions transportClosed(boolean lost) {
        if (released) {
            return Actions.NONE;
        }
        released = true;
        output = Output.SHUT;
        input = Input.ENDED;
        CloseReason reason = new CloseReason(CloseCode.ABNORMAL_CLOSURE, lost ? "connection lost" : "");
        return actions(Actions.RELEASE, null, reason);
    }

    private void armDeadline(long at) {
        if (deadline == 0) {
            deadline = at == 0 ? 1 : at; // zero means unarmed
        }
    }

    /** The actions, plus telling the application with {@code outcome} if it has not been told yet. */
    private Actions actions(int flags, CloseReason closeFrame, CloseReason outcome) {
        if (notified) {
            return new Actions(flags, closeFrame, null);
        }
        notified = true;
        return new Actions(flags | Actions.NOTIFY, closeFrame, outcome);
    }

    @Override
    public String toString() {
        return "output " + output + ", input " + input + (notified ? ", notified" : "") + (released ? ", released" : "");
    }
}
