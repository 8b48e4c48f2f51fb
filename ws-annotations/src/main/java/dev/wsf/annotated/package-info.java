/**
 * The annotation programming model's entry point: {@link dev.wsf.annotated.AnnotatedEndpoints}
 * turns {@link dev.wsf.api.annotation.Endpoint} classes, and
 * {@link dev.wsf.api.annotation.ClientEndpoint} classes or instances, into
 * {@link dev.wsf.api.endpoint.EndpointDefinition}s.
 *
 * <p>Inside, the work is split into packages with one job each: {@code scan} finds classes
 * (the only ClassGraph user), {@code model} classifies and validates them into immutable
 * records, {@code bind} builds method-handle invokers and session handlers, {@code codec} reads
 * and writes JSON (the only Jackson user), and {@code instance} provides instances (the only
 * {@code jakarta.inject} user).
 */
package dev.wsf.annotated;
