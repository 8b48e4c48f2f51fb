package dev.wsf.runtime.session;

/**
 * When to ping and when to give up on a peer: one ping at a time, every interval, and the peer
 * is dead if its pong is later than the timeout and it took none of our data meanwhile. Any pong
 * counts, solicited or not.
 *
 * <p>Data taken counts as a sign of life because a peer that reads slowly may have its pong stuck
 * behind data of its own that we do not read while our output waits (reading pauses when too
 * much is queued for the peer): giving up on a peer that is visibly reading would be wrong.
 */
final class Heartbeat {
    enum Action { NONE, PING, GIVE_UP }

    /** More than a ping frame: bytes beyond it that went out prove the peer is reading. */
    private static final long PROGRESS = 256;

    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastPingNanos; // I/O thread
    private long writtenAtPing; // I/O thread
    private volatile boolean pongPending; // set on the I/O thread, cleared by the session's callbacks

    Heartbeat(long intervalNanos, long timeoutNanos, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
        this.lastPingNanos = nowNanos;
    }

    /**
     * What to do at {@code now}; PING means a ping must be sent now.
     *
     * @param bytesWritten how many bytes the connection has written to the peer so far
     */
    Action tick(long now, long bytesWritten) {
        if (intervalNanos == 0) {
            return Action.NONE;
        }
        if (pongPending) {
            if (now - lastPingNanos <= timeoutNanos) {
                return Action.NONE;
            }
            if (bytesWritten - writtenAtPing <= PROGRESS) {
                return Action.GIVE_UP;
            }
            pongPending = false; // alive: it reads what we send
        }
        if (now - lastPingNanos >= intervalNanos) {
            lastPingNanos = now;
            writtenAtPing = bytesWritten;
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
