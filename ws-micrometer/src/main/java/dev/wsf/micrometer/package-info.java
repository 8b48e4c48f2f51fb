/**
 * wsf's metrics in Micrometer: {@link dev.wsf.micrometer.MicrometerMetrics}, a
 * {@link dev.wsf.api.metrics.WebSocketMetrics} listener that keeps its counts in the meters of a
 * {@link io.micrometer.core.instrument.MeterRegistry}.
*
 * @since 0.1
 */
package dev.wsf.micrometer;
