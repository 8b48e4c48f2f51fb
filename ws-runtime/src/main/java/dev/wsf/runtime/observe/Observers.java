package dev.wsf.runtime.observe;

import dev.wsf.api.metrics.WebSocketMetrics;

/** The metrics listener the runtime calls: JFR's, and the application's if it gave one. */
public final class Observers {
    private Observers() {
    }

    /**
     * JFR events always; {@code user}'s listener too, unless it is {@link WebSocketMetrics#NONE}.
     *
     * @param user the application's listener, or {@link WebSocketMetrics#NONE}
     * @return a listener that records JFR events and calls {@code user}
     */
    public static WebSocketMetrics of(WebSocketMetrics user) {
        WebSocketMetrics jfr = new JfrMetrics();
        return user == WebSocketMetrics.NONE ? jfr : new Both(jfr, user);
    }

    /** Two listeners, called in order. */
    private record Both(WebSocketMetrics first, WebSocketMetrics second) implements WebSocketMetrics {
        @Override
        public void connectionOpened() {
            first.connectionOpened();
            second.connectionOpened();
        }

        @Override
        public void connectionClosed() {
            first.connectionClosed();
            second.connectionClosed();
        }

        @Override
        public void connectionRefused(Refusal reason) {
            first.connectionRefused(reason);
            second.connectionRefused(reason);
        }

        @Override
        public void handshake(String endpoint, int status, long durationNanos) {
            first.handshake(endpoint, status, durationNanos);
            second.handshake(endpoint, status, durationNanos);
        }

        @Override
        public void sessionOpened(String endpoint) {
            first.sessionOpened(endpoint);
            second.sessionOpened(endpoint);
        }

        @Override
        public void sessionClosed(String endpoint, int closeCode, Closer closer, long durationNanos) {
            first.sessionClosed(endpoint, closeCode, closer, durationNanos);
            second.sessionClosed(endpoint, closeCode, closer, durationNanos);
        }

        @Override
        public void messageReceived(String endpoint, boolean binary, long bytes) {
            first.messageReceived(endpoint, binary, bytes);
            second.messageReceived(endpoint, binary, bytes);
        }

        @Override
        public void messageSent(String endpoint, boolean binary, long bytes) {
            first.messageSent(endpoint, binary, bytes);
            second.messageSent(endpoint, binary, bytes);
        }

        @Override
        public void compressed(String endpoint, long originalBytes, long compressedBytes) {
            first.compressed(endpoint, originalBytes, compressedBytes);
            second.compressed(endpoint, originalBytes, compressedBytes);
        }

        @Override
        public void bytesRead(long bytes) {
            first.bytesRead(bytes);
            second.bytesRead(bytes);
        }

        @Override
        public void bytesWritten(long bytes) {
            first.bytesWritten(bytes);
            second.bytesWritten(bytes);
        }

        @Override
        public void readsPaused() {
            first.readsPaused();
            second.readsPaused();
        }

        @Override
        public void slowConsumerClosed(String endpoint) {
            first.slowConsumerClosed(endpoint);
            second.slowConsumerClosed(endpoint);
        }

        @Override
        public void topicPublished(int subscribers) {
            first.topicPublished(subscribers);
            second.topicPublished(subscribers);
        }

        @Override
        public void topicSkipped() {
            first.topicSkipped();
            second.topicSkipped();
        }

        @Override
        public void heartbeatTimeout(String endpoint) {
            first.heartbeatTimeout(endpoint);
            second.heartbeatTimeout(endpoint);
        }

        @Override
        public void tlsHandshakeFailed() {
            first.tlsHandshakeFailed();
            second.tlsHandshakeFailed();
        }
    }
}
