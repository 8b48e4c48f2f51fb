package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.io.Transport;
import java.nio.ByteBuffer;

/**
 * The deadlines of a session, checked on every tick of its I/O loop: the close handshake (and the
 * lingering after it), the idle timeout, the heartbeat.
 */
final class SessionTimers {
    /** Where the idle timeout, the metrics listener and the endpoint's tag come from. */
    private final SessionSettings settings;
    private final Transport transport;
    private final CloseHandshake handshake;
    private final Sender sender;
    /** Null when the heartbeat is off, as it is unless configured. */
    private final Heartbeat heartbeat;
    /** {@link System#nanoTime()} when the session's credential expires; 0 for never (I/O thread). */
    private volatile long expiresNanos;

    SessionTimers(SessionSettings settings, Transport transport, CloseHandshake handshake, Sender sender) {
        this.settings = settings;
        this.transport = transport;
        this.handshake = handshake;
        this.sender = sender;
        this.heartbeat = settings.heartbeatIntervalNanos() == 0 ? null
                : new Heartbeat(settings.heartbeatIntervalNanos(), settings.heartbeatTimeoutNanos(), System.nanoTime());
    }

    /** The credential the session was accepted with expires at {@code instant}. */
    void expireAt(java.time.Instant instant) {
        long fromNow;
        try {
            fromNow = java.time.Duration.between(java.time.Instant.now(), instant).toNanos();
        } catch (ArithmeticException e) {
            return; // centuries away: as good as never
        }
        long at = System.nanoTime() + Math.max(0, fromNow);
        expiresNanos = at == 0 ? 1 : at;
    }

    void tick(long now) {
        if (handshake.closingAt(now)) {
            return;
        }
        long expires = expiresNanos;
        if (expires != 0 && now - expires >= 0) {
            handshake.close(new CloseReason(CloseCode.POLICY_VIOLATION, "credential expired"));
            return;
        }
        long idleTimeoutNanos = settings.idleTimeoutNanos();
        if (idleTimeoutNanos > 0 && now - transport.lastActivityNanos() > idleTimeoutNanos) {
            handshake.close(new CloseReason(CloseCode.GOING_AWAY, "idle timeout"));
            return;
        }
        if (heartbeat == null) {
            return;
        }
        switch (heartbeat.tick(now, transport.bytesWritten())) {
            case PING -> sender.control(Opcode.PING, ByteBuffer.allocate(8).putLong(0, now));
            case GIVE_UP -> {
                settings.metrics().heartbeatTimeout(settings.endpointTag());
                handshake.abort("no pong within " + heartbeat.timeoutMillis() + " ms");
            }
            case NONE -> { }
        }
    }

    void pongReceived() {
        if (heartbeat != null) {
            heartbeat.pongReceived();
        }
    }
}
