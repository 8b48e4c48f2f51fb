package dev.wsf.runtime;

/**
 * A snapshot of a server's (or client's) totals, for operators and tests.
 *
 * @param connections        connections open now, handshaking or upgraded
 * @param memoryUsed         bytes the connections hold now against the memory budget
 * @param memoryBudget       the budget; see {@link dev.wsf.api.config.WebSocketConfig#memoryBudget()}
 * @param protocolViolations sessions failed because the peer broke the protocol (1002, 1007, 1009)
 * @param internalErrors     sessions failed by a fault of this side (1011)
 * @param overloadClosures   sessions closed with 1013 to get back under the memory budget
 * @param openSessions       WebSocket sessions open now
 * @param sessionsOpened     sessions opened since the start
 * @param messagesReceived   messages delivered to the application, over every session since the start
 * @param messagesSent       messages the application queued
 * @param bytesReceived      payload bytes of the messages received
 * @param bytesSent          payload bytes of the messages sent
 *
 * @since 0.1
 */
public record ServerStats(int connections, long memoryUsed, long memoryBudget, long protocolViolations,
                          long internalErrors, long overloadClosures, int openSessions, long sessionsOpened,
                          long messagesReceived, long messagesSent, long bytesReceived, long bytesSent) {
}
