/**
 * The annotation programming model: plain classes annotated with {@link
 * dev.wsf.api.annotation.Endpoint} (served) or {@link dev.wsf.api.annotation.ClientEndpoint}
 * (connected by a client) whose methods receive the events of their sessions. The
 * {@code ws-annotations} module turns such classes into
 * {@link dev.wsf.api.endpoint.EndpointDefinition}s that the runtime serves or connects.
 *
 * @since 0.1
 */
package dev.wsf.api.annotation;
