package dev.wsf.runtime.session;

import java.util.concurrent.atomic.LongAdder;

/** Counts, for a whole server or client, how its sessions ended badly and whose fault it was. */
public final class SessionCounters {
    private final LongAdder protocolViolations = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    private final LongAdder overloaded = new LongAdder();

    /** Sessions failed because the peer broke the protocol (1002, 1007, 1009 and the like). */
    public long protocolViolations() {
        return protocolViolations.sum();
    }

    /** Sessions failed by a fault of this side: an extension, a callback's error handling (1011). */
    public long internalErrors() {
        return internalErrors.sum();
    }

    /** Sessions closed with 1013 to bring the server back under its memory budget. */
    public long overloaded() {
        return overloaded.sum();
    }

    void protocolViolation() {
        protocolViolations.increment();
    }

    void internalError() {
        internalErrors.increment();
    }

    void overload() {
        overloaded.increment();
    }
}
