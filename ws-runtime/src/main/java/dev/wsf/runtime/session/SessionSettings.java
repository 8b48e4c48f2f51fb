package dev.wsf.runtime.session;

import dev.wsf.api.Role;
import dev.wsf.api.config.WebSocketConfig;
import dev.wsf.api.endpoint.Delivery;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.runtime.topic.TopicRegistry;
import java.time.Duration;
import java.util.List;
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
        Executor workerExecutor,
        SessionCounters counters,
        TopicRegistry topics,
        WebSocketMetrics metrics,
        String endpointTag) {

    /**
     * The settings of an endpoint's sessions: the configuration, overridden where the endpoint
     * says.
     *
     * @param role the side the sessions are on
     * @param config the server's or client's settings
     * @param e the endpoint, whose dispatch, delivery and message limits win
     * @param workers runs {@code WORKER} callbacks
     * @param counters counts how sessions end
     * @param topics the topics sessions may join
     * @param metrics hears of the sessions' opening, closing and traffic
     * @return the settings; the endpoint's path template tags a server's metrics, {@code client} a
     *         client's
     */
    public static SessionSettings of(Role role, WebSocketConfig config, EndpointDefinition e, Executor workers,
                                     SessionCounters counters, TopicRegistry topics, WebSocketMetrics metrics) {
        return new SessionSettings(role, e.dispatch(), e.textDelivery(), e.binaryDelivery(),
                config.maxFrameSize(),
                e.maxTextMessageSize().orElse(config.maxTextMessageSize()),
                e.maxBinaryMessageSize().orElse(config.maxBinaryMessageSize()),
                config.maxBufferedOutput(),
                config.closeTimeout().toNanos(), config.idleTimeout().toNanos(),
                config.heartbeatInterval().toNanos(), config.heartbeatTimeout().toNanos(),
                workers, counters, topics, metrics,
                role == Role.SERVER ? e.path().template() : "client");
    }

    /**
     * How often deadlines are checked: a few times per shortest timeout, between 10 ms and 1 s.
     *
     * @param c the settings whose timeouts the ticks serve
     * @return a quarter of the shortest enabled timeout, clamped to 10 ms to 1 s
     */
    public static Duration tickInterval(WebSocketConfig c) {
        long shortest = Math.min(c.handshakeTimeout().toMillis(), c.closeTimeout().toMillis());
        for (Duration d : List.of(c.idleTimeout(), c.heartbeatInterval(), c.heartbeatTimeout())) {
            if (!d.isZero()) {
                shortest = Math.min(shortest, d.toMillis());
            }
        }
        return Duration.ofMillis(Math.max(10, Math.min(1000, shortest / 4)));
    }

    /**
     * The larger message limit, which bounds what an extension may inflate a message to.
     *
     * @return the larger of the text and binary limits, in bytes
     */
    public long maxMessageSize() {
        return Math.max(maxTextMessageSize, maxBinaryMessageSize);
    }
}
