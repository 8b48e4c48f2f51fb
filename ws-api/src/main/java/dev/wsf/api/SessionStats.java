package dev.wsf.api;

/**
 * A snapshot of one session's counters. Counted without synchronization on the paths they
 * measure, so a snapshot taken while messages flow may lag a little.
 *
 * @param messagesReceived whole messages delivered to the application
 * @param messagesSent     messages queued by the application
 * @param bytesReceived    payload bytes of those messages, as the application saw them
 * @param bytesSent        payload bytes the application queued
 * @param bufferedBytes    bytes queued for the peer and not yet written, now
 *
 * @since 0.1
 */
public record SessionStats(long messagesReceived, long messagesSent, long bytesReceived, long bytesSent,
                           long bufferedBytes) {
}
