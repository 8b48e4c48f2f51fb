package dev.wsf.runtime.session;

import dev.wsf.api.Role;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import java.util.concurrent.Executor;

/**
 * The limits and behaviour of one session, resolved from the server (or client) configuration
 * and the endpoint's overrides. Durations are in nanoseconds; zero disables a timer.
 */
public record SessionSettings(
        Role role,
        Dispatch dispatch,
        Delivery textDelivery,
        Delivery binaryDelivery,
        long maxFrameSize,
        long maxTextMessageSize,
        long maxBinaryMessageSize,
        long maxBufferedOutput,
        long closeTimeoutNanos,
        long idleTimeoutNanos,
        long heartbeatIntervalNanos,
        long heartbeatTimeoutNanos,
        Executor workerExecutor) {

    /** The larger message limit, which bounds what an extension may inflate a message to. */
    public long maxMessageSize() {
        return Math.max(maxTextMessageSize, maxBinaryMessageSize);
    }
}
