/**
 * Encoders and decoders that let annotated endpoints send and receive custom types. Without one,
 * the annotation model uses JSON.
 *
 * @since 0.1
 */
package dev.wsf.api.codec;
