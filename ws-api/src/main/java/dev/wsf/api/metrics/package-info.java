/** Metrics without a dependency: {@link dev.wsf.api.metrics.WebSocketMetrics}, a listener the runtime calls. */
package dev.wsf.api.metrics;
