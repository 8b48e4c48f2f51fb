package dev.wsf.runtime.session;

import dev.wsf.api.SessionStats;
import dev.wsf.api.metrics.WebSocketMetrics;

/**
 * One session's message counters, and the metrics listener they are reported to, tagged with
 * the endpoint. Incoming messages are counted on the session's serial executor, outgoing ones
 * under the session's lock: each field has one writer at a time, so plain fields do (a snapshot
 * read elsewhere may lag a little).
 */
final class SessionTraffic {
    /** Where the metrics listener and the endpoint's tag come from. */
    private final SessionSettings settings;
    private long messagesIn;
    private long bytesIn;
    private long messageIn; // bytes of the message being received in parts
    private long messagesOut;
    private long bytesOut;

    SessionTraffic(SessionSettings settings) {
        this.settings = settings;
    }

    WebSocketMetrics metrics() {
        return settings.metrics();
    }

    String endpoint() {
        return settings.endpointTag();
    }

    /** Part of a message (or all of it, when {@code last}) was delivered to the application. */
    void received(boolean binary, long bytes, boolean last) {
        bytesIn += bytes;
        messageIn += bytes;
        if (last) {
            messagesIn++;
            metrics().messageReceived(endpoint(), binary, messageIn);
            messageIn = 0;
        }
    }

    /** The application queued part of a message (or all of it, when {@code last}). */
    void sent(boolean binary, long bytes, boolean last) {
        bytesOut += bytes;
        if (last) {
            messagesOut++;
        }
        metrics().messageSent(endpoint(), binary, bytes);
    }

    SessionStats snapshot(long buffered) {
        return new SessionStats(messagesIn, messagesOut, bytesIn, bytesOut, buffered);
    }
}
