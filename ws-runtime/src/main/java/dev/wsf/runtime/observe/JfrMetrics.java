package dev.wsf.runtime.observe;

import dev.wsf.api.metrics.WebSocketMetrics;

/**
 * Turns the runtime's metrics calls into JFR events. Costs a check per call when no recording
 * asks for the events, and nothing is allocated for messages under {@link #LARGE_MESSAGE} bytes.
 */
final class JfrMetrics implements WebSocketMetrics {
    /** Messages from this size on are recorded. */
    static final long LARGE_MESSAGE = 1024 * 1024;

    @Override
    public void sessionOpened(String endpoint) {
        JfrEvents.SessionOpened e = new JfrEvents.SessionOpened();
        if (e.isEnabled()) {
            e.endpoint = endpoint;
            e.commit();
        }
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode, Closer closer, long durationNanos) {
        JfrEvents.SessionClosed e = new JfrEvents.SessionClosed();
        if (e.isEnabled()) {
            e.endpoint = endpoint;
            e.closeCode = closeCode;
            e.closedBy = closer.name();
            e.sessionDuration = durationNanos;
            e.commit();
        }
    }

    @Override
    public void handshake(String endpoint, int status, long durationNanos) {
        JfrEvents.Handshake e = new JfrEvents.Handshake();
        if (e.isEnabled()) {
            e.endpoint = endpoint;
            e.status = status;
            e.handshakeDuration = durationNanos;
            e.commit();
        }
    }

    @Override
    public void slowConsumerClosed(String endpoint) {
        JfrEvents.SlowConsumer e = new JfrEvents.SlowConsumer();
        if (e.isEnabled()) {
            e.endpoint = endpoint;
            e.commit();
        }
    }

    @Override
    public void messageReceived(String endpoint, boolean binary, long bytes) {
        if (bytes >= LARGE_MESSAGE) {
            large(endpoint, "received", binary, bytes);
        }
    }

    @Override
    public void messageSent(String endpoint, boolean binary, long bytes) {
        if (bytes >= LARGE_MESSAGE) {
            large(endpoint, "sent", binary, bytes);
        }
    }

    private static void large(String endpoint, String direction, boolean binary, long bytes) {
        JfrEvents.LargeMessage e = new JfrEvents.LargeMessage();
        if (e.isEnabled()) {
            e.endpoint = endpoint;
            e.direction = direction;
            e.binary = binary;
            e.size = bytes;
            e.commit();
        }
    }
}
