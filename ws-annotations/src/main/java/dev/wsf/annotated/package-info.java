/**
 * The annotation programming model's entry point: {@link dev.wsf.annotated.AnnotatedEndpoints}
 * turns {@link dev.wsf.api.annotation.Endpoint} classes, and
 * {@link dev.wsf.api.annotation.ClientEndpoint} classes or instances, into
 * {@link dev.wsf.api.endpoint.EndpointDefinition}s; {@link dev.wsf.annotated.codec.JsonCodec} says how
 * JSON messages are read and written.
 *
 * <p>Inside (not exported by module {@code dev.wsf.annotated}), the work is split into packages with
 * one job each: {@code scan} finds classes (the only ClassGraph user), {@code model} classifies and
 * validates them into immutable records, {@code bind} builds method-handle invokers and session
 * handlers, and {@code instance} reads scope annotations. Jackson is used only in {@code codec}.
 *
 * @since 0.1
 */
package dev.wsf.annotated;
