package dev.wsf.runtime.session;

/**
 * When to ping and when to give up on a peer: one ping at a time, every interval, and the peer
 * is dead if its pong is later than the timeout. Any pong counts, solicited or not.
 */
final class Heartbeat {
    enum Action { NONE, PING, GIVE_UP }

    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastPingNanos; // I/O thread
    private volatile boolean pongPending; // set on the I/O thread, cleared by the session's callbacks

    Heartbeat(long intervalNanos, long timeoutNanos, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.lastPingNanos = nowNanos;
    }

    /** What to do at {@code now}; PING means a ping must be sent now. */
    Action tick(long now) {
        if (intervalNanos == 0) {
            return Action.NONE;
        }
        if (pongPending) {
            return now - lastPingNanos > timeoutNanos ? Action.GIVE_UP : Action.NONE;
        }
        if (now - lastPingNanos >= intervalNanos) {
            lastPingNanos = now;
            pongPending = true;
            return Action.PING;
        }
        return Action.NONE;
    }

    void pongReceived() {
        pongPending = false;
    }

    long timeoutMillis() {
        return timeoutNanos / 1_000_000;
    }
}
