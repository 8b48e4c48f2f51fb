/**
 * Metrics without a dependency: {@link dev.wsf.api.metrics.WebSocketMetrics}, a listener the runtime calls.
 *
 * @since 0.1
 */
package dev.wsf.api.metrics;
