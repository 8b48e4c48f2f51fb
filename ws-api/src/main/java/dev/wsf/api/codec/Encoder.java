package dev.wsf.api.codec;

/**
 * Turns return values of a custom type into messages: implement {@link TextEncoder} or
 * {@link BinaryEncoder} and list the class in {@link dev.wsf.api.annotation.Endpoint#encoders()}.
 *
 * <p>The type an encoder handles is read from its generic declaration, e.g.
 * {@code class ReplyEncoder implements TextEncoder<Reply>}; it also encodes subclasses of that
 * type. One instance serves every session of the endpoint, from several threads at once, so an
 * encoder must be thread-safe. Instances are created by the endpoint's instance provider, so
 * they may have {@code @Inject} constructors and fields.
 *
 * @since 0.1
 */
public sealed interface Encoder permits TextEncoder, BinaryEncoder {
}
