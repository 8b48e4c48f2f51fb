package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.CloseReason;
import dev.wsf.api.ProtocolViolationException;
import dev.wsf.api.Role;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.session.SessionLifecycle.Actions;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * Carries out the session's {@link SessionLifecycle}: every event takes the session's lock, asks
 * the lifecycle what to do, queues the close frame while still holding the lock (so no message
 * can slip in behind it), then does the rest outside it. The application's callbacks run on the
 * session's serial executor, so {@code onError} and {@code onClose} keep their order with the
 * messages before them.
 */
final class CloseHandshake {
    /**
     * A close frame that may jump the queue does so only past this much unsent output: below it,
     * the few frames queued (say, the echo of the peer's last message) are worth sending first,
     * and they cannot delay the close for long.
     */
    static final long JUMP_THRESHOLD = 64 * 1024;

    private final SessionLifecycle lifecycle;
    private final ReentrantLock lock;
    private final Transport transport;
    private final Outbound outbound;
    private final SerialExecutor serial;
    private final Callbacks callbacks;
    /** Where the close timeout, the counters, the metrics listener and the endpoint's tag come from. */
    private final SessionSettings settings;
    private final long openedNanos = System.nanoTime();
    private Inbound inbound;
    private Runnable release;

    /** Over a lifecycle of its own, for the role the settings name. */
    CloseHandshake(ReentrantLock lock, Transport transport, Outbound outbound, SerialExecutor serial, Callbacks callbacks,
                   SessionSettings settings) {
        this.lifecycle = new SessionLifecycle(settings.role() == Role.SERVER);
        this.lock = lock;
        this.transport = transport;
        this.outbound = outbound;
        this.serial = serial;
        this.callbacks = callbacks;
        this.settings = settings;
    }

    /** Completes the wiring: what stops input, and what lets go of the session's resources. */
    void bind(Inbound inbound, Runnable release) {
        this.inbound = inbound;
        this.release = release;
    }

    /**
     * Whether messages may still be sent: exact with the lock held; without it (for
     * {@code Session.isOpen}), what it was a moment ago.
     */
    boolean canSend() {
        return lifecycle.output() == SessionLifecycle.Output.OPEN;
    }

    /** An orderly close from this side: the application, an idle timeout, a server stopping. */
    void close(CloseReason reason) {
        apply(now -> lifecycle.closeRequested(reason, deadline(now)), null, false);
    }

    /** The peer's (valid) close frame arrived. */
    void closeReceived(CloseReason reason) {
        apply(now -> lifecycle.closeReceived(reason, deadline(now)), null, false);
    }

    /** The peer broke the protocol: fail with the code it earned, and say so only at DEBUG. */
    void peerViolated(CloseException e) {
        ProtocolViolationException violation = e instanceof ProtocolViolationException p ? p
                : new ProtocolViolationException(e.closeCode(), e.getMessage(), e);
        settings.counters().protocolViolation();
        fail(violation.closeCode(), violation.getMessage(), violation, false);
    }

    /** This side failed (an extension threw): 1011, and the cause goes to {@code onError}. */
    void internalError(String what, Throwable cause) {
        settings.counters().internalError();
        fail(CloseCode.INTERNAL_ERROR.code(), what, new CloseException(CloseCode.INTERNAL_ERROR, what, cause), true);
    }

    /** The server is over its memory budget and this session holds the most: 1013, unsent messages dropped. */
    void overloaded() {
        settings.counters().overload();
        settings.metrics().slowConsumerClosed(settings.endpointTag());
        fail(CloseCode.TRY_AGAIN_LATER.code(), "server overloaded", null, true);
    }

    /** Fails the session; {@code discardUnsent} drops the messages not yet sent, whatever their size. */
    /** A topic's close policy: the session reads too slowly; 1008, unsent messages dropped. */
    void slowConsumer() {
        settings.metrics().slowConsumerClosed(settings.endpointTag());
        fail(CloseCode.POLICY_VIOLATION.code(), "slow consumer", null, true);
    }

    private void fail(int code, String message, Throwable error, boolean discardUnsent) {
        CloseReason reason = new CloseReason(code, CloseFrames.fitReason(message));
        apply(now -> lifecycle.failed(reason, deadline(now)), error, discardUnsent);
    }

    /** When the end of the session must be over, if it starts at {@code now}. */
    private long deadline(long now) {
        return now + settings.closeTimeoutNanos();
    }

    /** The peer ended its side of the TCP connection. */
    void endOfInput() {
        apply(now -> lifecycle.endOfInput(), null, false);
    }

    /**
     * Whether the session is closing at {@code now}; gives up on the peer if the close handshake,
     * or the lingering after it, has taken too long.
     */
    boolean closingAt(long now) {
        lock.lock();
        try {
            if (!lifecycle.deadlinePassed(now)) {
                return lifecycle.output() != SessionLifecycle.Output.OPEN;
            }
        } finally {
            lock.unlock();
        }
        abort("the peer did not answer the close handshake");
        return true;
    }

    /** Drops the connection without a close handshake, e.g. when heartbeats go unanswered. */
    void abort(String why) {
        apply(now -> lifecycle.aborted(why), null, false);
    }

    /** The transport is gone; {@code cause} says why if it broke. */
    void transportClosed(Throwable cause) {
        apply(now -> lifecycle.transportClosed(cause != null), cause, false);
    }

    /**
     * Runs one lifecycle event and carries out what it returns. {@code error}, if any, goes to
     * the application's {@code onError} before {@code onClose}.
     */
    private void apply(LongFunction<Actions> event, Throwable error, boolean discardUnsent) {
        Actions a;
        lock.lock();
        try {
            a = event.apply(System.nanoTime());
            if (a.has(Actions.SEND_CLOSE_URGENTLY)
                    && (discardUnsent || transport.bufferedBytes() > JUMP_THRESHOLD)) {
                transport.discardQueued();
                outbound.sendClose(a.closeFrame(), true);
            } else if (a.has(Actions.SEND_CLOSE) || a.has(Actions.SEND_CLOSE_URGENTLY)) {
                outbound.sendClose(a.closeFrame(), false);
            }
        } finally {
            lock.unlock();
        }
        if (a.has(Actions.STOP_INPUT)) {
            inbound.stop();
        }
        if (a.has(Actions.FLUSH)) {
            transport.flush();
        }
        if (a.has(Actions.SHUTDOWN_OUTPUT)) {
            transport.shutdownOutput();
        }
        if (a.has(Actions.CLOSE_TRANSPORT)) {
            transport.close();
        }
        if (a.has(Actions.NOTIFY)) {
            settings.metrics().sessionClosed(settings.endpointTag(), a.outcome().code(), lifecycle.closer(),
                    System.nanoTime() - openedNanos);
        }
        boolean report = error != null && (a.has(Actions.NOTIFY) || a.has(Actions.RELEASE));
        if (report || a.has(Actions.NOTIFY) || a.has(Actions.RELEASE)) {
            serial.execute(() -> {
                if (report) {
                    callbacks.error(error);
                }
                if (a.has(Actions.NOTIFY)) {
                    callbacks.closed(a.outcome());
                }
                if (a.has(Actions.RELEASE)) {
                    release.run();
                }
            });
        }
    }

    @Override
    public String toString() {
        return lifecycle.toString();
    }
}
