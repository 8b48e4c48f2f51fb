/**
 * How JSON messages are read and written: {@link dev.wsf.annotated.codec.JsonCodec}, strict by
 * default, lenient, or over your own Jackson mapper, passed to
 * {@code AnnotatedEndpoints.builder().json(...)}.
 *
 * @since 0.1
 */
package dev.wsf.annotated.codec;
