package dev.wsf.runtime.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, for a whole server or client, its sessions: how many, their traffic (the open ones'
 * counters plus those of the sessions that ended, added once each as they end, so nothing is
 * counted twice and nothing costs anything per message), and how they ended badly.
 */
public final class SessionCounters {
    private final java.util.Set<WebSocketSession> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final LongAdder opened = new LongAdder();
    private final LongAdder endedMessagesIn = new LongAdder();
    private final LongAdder endedMessagesOut = new LongAdder();
    private final LongAdder endedBytesIn = new LongAdder();
    private final LongAdder endedBytesOut = new LongAdder();
    private final LongAdder protocolViolations = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    private final LongAdder overloaded = new LongAdder();

    /**
     * Sessions failed because the peer broke the protocol (1002, 1007, 1009 and the like).
     *
     * @return the count since the start
     */
    public long protocolViolations() {
        return protocolViolations.sum();
    }

    /**
     * Sessions failed by a fault of this side: an extension, a callback's error handling (1011).
     *
     * @return the count since the start
     */
    public long internalErrors() {
        return internalErrors.sum();
    }

    /**
     * Sessions closed with 1013 to bring the server back under its memory budget.
     *
     * @return the count since the start
     */
    public long overloaded() {
        return overloaded.sum();
    }

    /**
     * Sessions open now.
     *
     * @return the count now
     */
    public int openSessions() {
        return open.size();
    }

    /**
     * Sessions opened since the start.
     *
     * @return the count since the start
     */
    public long sessionsOpened() {
        return opened.sum();
    }

    /**
     * Messages and bytes both ways over every session since the start: {in msgs, out msgs, in
     * bytes, out bytes}.
     *
     * @return a new array of four sums, each read on its own
     */
    public long[] traffic() {
        long[] t = {endedMessagesIn.sum(), endedMessagesOut.sum(), endedBytesIn.sum(), endedBytesOut.sum()};
        for (WebSocketSession s : open) {
            dev.wsf.api.SessionStats st = s.stats();
            t[0] += st.messagesReceived();
            t[1] += st.messagesSent();
            t[2] += st.bytesReceived();
            t[3] += st.bytesSent();
        }
        return t;
    }

    void opened(WebSocketSession s) {
        opened.increment();
        open.add(s);
    }

    void ended(WebSocketSession s) {
        if (open.remove(s)) {
            dev.wsf.api.SessionStats st = s.stats();
            endedMessagesIn.add(st.messagesReceived());
            endedMessagesOut.add(st.messagesSent());
            endedBytesIn.add(st.bytesReceived());
            endedBytesOut.add(st.bytesSent());
        }
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
