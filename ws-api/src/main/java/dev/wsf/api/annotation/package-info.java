/**
 * The annotation programming model: plain classes annotated with {@link
 * dev.wsf.api.annotation.Endpoint} whose methods receive the events of their sessions. The
 * {@code ws-annotations} module turns such classes into
 * {@link dev.wsf.api.endpoint.EndpointDefinition}s that the runtime serves.
 */
package dev.wsf.api.annotation;
