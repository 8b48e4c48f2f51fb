package dev.wsf.cluster;

/**
 * What a {@link BusBuilder} was given.
 *
 * @param maxPending              published messages that may wait for the broker before more are dropped
 * @param bufferWhileDisconnected whether messages wait while the broker is out of reach
 * @param backoff                 the waits between connection attempts
 */
public record BusSettings(int maxPending, boolean bufferWhileDisconnected, Backoff backoff) {
}
